using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>One export rule's form; saved through the configuration editor, problems shown next to their fields.</summary>
public sealed class ExportRuleEditModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public static IReadOnlyList<(string, string)> Entities { get; } = [("Study", "Study"), ("Series", "Series"), ("Instance", "Instance")];

    public static IReadOnlyList<(string, string)> Reoccurred { get; } =
        [("REPLACE", "REPLACE: export when it replaces the stored one"), ("NEVER", "NEVER"), ("ALWAYS", "ALWAYS")];

    // A new rule's form shows Study selected: a choice the user sees and submits, not a default filled in unseen.
    public ExportRule Rule { get; private set; } = new() { Entity = "Study" };

    public string? OriginalName { get; private set; }

    public bool IsNew => OriginalName is null;

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public string ExporterHint => "exporter IDs, separated by commas; configured: " + string.Join(", ", store.Current.Archive.Exporters.Select(e => e.ExporterId));

    public IActionResult OnGet(string? name)
    {
        Version = store.Version;
        if (name is null)
        {
            return Page();
        }

        if (store.Current.Archive.ExportRules.FirstOrDefault(r => r.Name == name) is not { } rule)
        {
            return NotFound();
        }

        (Rule, OriginalName) = (rule, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken cancellationToken)
    {
        var form = new FormValues(Request.Form, FieldProblems.None);
        OriginalName = name;
        Rule = new ExportRule
        {
            Name = form.Text("cn"),
            Entity = form.Text("dcmEntity"),
            ExporterIds = form.Words("dcmExporterID"),
            Duration = form.Optional("dcmDuration"),
            ExportReoccurredInstances = form.Text("dcmExportReoccurredInstances"),
            Conditions = form.Lines("dcmProperty"),
            Schedules = form.Lines("dcmSchedule"),
            ExportPreviousEntity = form.Checked("dcmExportPreviousEntity"),
        };
        Version = form.Version ?? store.Version;
        var rules = store.Current.Archive.ExportRules.ToList();
        var index = name is null ? rules.Count : rules.FindIndex(r => r.Name == name);
        if (index < 0)
        {
            Outcome = EditOutcome.None with { Conflict = $"Export rule {name} no longer exists; it was deleted meanwhile." };
            return Page();
        }

        var edit = await editor.ChangeAsync(
            device => device with
            {
                Archive = device.Archive with
                {
                    ExportRules = name is null ? [.. device.Archive.ExportRules, Rule] : [.. device.Archive.ExportRules.Select(r => r.Name == name ? Rule : r)],
                },
            },
            form.Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/export-rules?saved={Uri.EscapeDataString(Rule.Name)}");
        }

        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, $"dcmArchiveDevice.dcmExportRule[{index}]"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
