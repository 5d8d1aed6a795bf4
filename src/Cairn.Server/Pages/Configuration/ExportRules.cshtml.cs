using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Dicom;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>The export rules (dcmExportRule), with the dry run of the REST API on a stored study.</summary>
public sealed class ExportRulesModel(ConfigurationStore store, ConfigurationEditor editor, ExportDryRun dryRun) : PageModel
{
    public IReadOnlyList<ExportRule> Rules { get; private set; } = [];

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public IReadOnlyList<string> LocalAETitles => [.. store.Current.ApplicationEntities.Select(ae => ae.AETitle)];

    public string? DryRunAet { get; private set; }

    public string? DryRunStudy { get; private set; }

    public string? DryRunError { get; private set; }

    public (int Instances, IReadOnlyList<PlannedExport> Exports)? DryRun { get; private set; }

    public async Task OnGetAsync(string? saved, string? deleted, string? aet, string? study, CancellationToken cancellationToken)
    {
        Read();
        Outcome = saved is not null ? EditOutcome.None with { Saved = $"Export rule {saved} saved." }
            : deleted is not null ? EditOutcome.None with { Saved = $"Export rule {deleted} deleted." }
            : EditOutcome.None;
        if (study is null)
        {
            return;
        }

        (DryRunAet, DryRunStudy) = (aet, study.Trim());
        if (aet is null || store.Current.FindLocalAE(aet) is null)
        {
            DryRunError = $"No such Application Entity: {aet}";
        }
        else if (DicomValueValidator.CheckUid(DryRunStudy) is { } problem)
        {
            DryRunError = $"'{DryRunStudy}' {problem}";
        }
        else if (await dryRun.RunAsync(DryRunStudy, cancellationToken) is { } result)
        {
            DryRun = result;
        }
        else
        {
            DryRunError = $"No such study: {DryRunStudy}";
        }

        if (DryRunError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken cancellationToken)
    {
        var edit = await editor.ChangeAsync(
            device => device with { Archive = device.Archive with { ExportRules = [.. device.Archive.ExportRules.Where(r => r.Name != name)] } },
            new FormValues(Request.Form, FieldProblems.None).Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/export-rules?deleted={Uri.EscapeDataString(name)}");
        }

        Read();
        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, "-"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Read()
    {
        Rules = store.Current.Archive.ExportRules;
        Version = store.Version;
    }
}
