using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>The configured exporters (dcmExporter), with their IAN settings; delete one here, edit or add on its own page.</summary>
public sealed class ExportersModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public IReadOnlyList<ExporterDescriptor> Exporters { get; private set; } = [];

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public void OnGet(string? saved, string? deleted)
    {
        Read();
        Outcome = saved is not null ? EditOutcome.None with { Saved = $"Exporter {saved} saved." }
            : deleted is not null ? EditOutcome.None with { Saved = $"Exporter {deleted} deleted." }
            : EditOutcome.None;
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var values = new FormValues(Request.Form, FieldProblems.None);
        var edit = await editor.ChangeAsync(
            device => device with { Archive = device.Archive with { Exporters = [.. device.Archive.Exporters.Where(e => e.ExporterId != id)] } },
            values.Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/exporters?deleted={Uri.EscapeDataString(id)}");
        }

        Read();
        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, "-"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Read()
    {
        Exporters = store.Current.Archive.Exporters;
        Version = store.Version;
    }
}
