using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>
/// One exporter's form, every attribute of the spec's dcmExporter; saved through the same editor and validator as
/// every configuration change, problems shown next to their fields.
/// </summary>
public sealed class ExporterEditModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public static IReadOnlyList<(string, string)> Availabilities { get; } = [("ONLINE", "ONLINE"), ("NEARLINE", "NEARLINE"), ("OFFLINE", "OFFLINE")];

    public ExporterDescriptor Exporter { get; private set; } = new() { QueueName = "" };

    /// <summary>The ID the exporter had when the form was opened; null for a new one.</summary>
    public string? OriginalId { get; private set; }

    public bool IsNew => OriginalId is null;

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public IReadOnlyList<(string, string)> Queues => [.. store.Current.Archive.Queues.Select(q => (q.Name, q.Description is null ? q.Name : $"{q.Name} ({q.Description})"))];

    public IReadOnlyList<(string, string)> LocalAETitles => [.. store.Current.ApplicationEntities.Select(ae => (ae.AETitle, ae.AETitle))];

    public string RemoteHint => "remote AE titles, separated by commas; registered: " + string.Join(", ", store.Current.RemoteApplicationEntities.Select(r => r.AETitle));

    public IActionResult OnGet(string? id)
    {
        Version = store.Version;
        if (id is null)
        {
            // The form shows the first export queue selected, which the user sees and submits.
            Exporter = new ExporterDescriptor
            {
                AETitle = store.Current.ApplicationEntities is [var first, ..] ? first.AETitle : "DCM4CHEE",
                QueueName = store.Current.Archive.Queues.FirstOrDefault(q => q.Name != "IANSCU")?.Name ?? "",
            };
            return Page();
        }

        if (store.Current.Archive.FindExporter(id) is not { } exporter)
        {
            return NotFound();
        }

        (Exporter, OriginalId) = (exporter, id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken cancellationToken)
    {
        var problems = FieldProblems.None;
        var form = new FormValues(Request.Form, problems);
        OriginalId = id;
        Exporter = new ExporterDescriptor
        {
            ExporterId = form.Text("dcmExporterID"),
            Description = form.Optional("dicomDescription"),
            Uri = form.Text("dcmURI"),
            QueueName = form.Text("dcmQueueName"),
            AETitle = form.Text("dicomAETitle"),
            IanDestinations = form.Words("dcmIanDestination"),
            RetrieveAETitles = form.Words("dcmRetrieveAET"),
            InstanceAvailability = form.Text("dcmInstanceAvailability"),
            RetrieveLocationUid = form.Optional("dcmRetrieveLocationUID"),
            Schedules = form.Lines("dcmSchedule"),
            ExportAsSourceAE = form.Checked("dcmExportAsSourceAE"),
        };
        Version = form.Version ?? store.Version;
        if (id is not null && store.Current.Archive.FindExporter(id) is null)
        {
            Outcome = new EditOutcome(null, problems, $"Exporter {id} no longer exists; it was deleted meanwhile.");
            return Page();
        }

        var exporters = store.Current.Archive.Exporters;
        var index = id is null ? exporters.Count : exporters.ToList().FindIndex(e => e.ExporterId == id);
        var edit = await editor.ChangeAsync(
            device => device with
            {
                Archive = device.Archive with
                {
                    Exporters = id is null ? [.. device.Archive.Exporters, Exporter] : [.. device.Archive.Exporters.Select(e => e.ExporterId == id ? Exporter : e)],
                },
            },
            form.Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/exporters?saved={Uri.EscapeDataString(Exporter.ExporterId)}");
        }

        var sorted = FieldProblems.Of(edit.Problems, $"dcmArchiveDevice.dcmExporter[{index}]");
        Outcome = new EditOutcome(null, sorted, edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
