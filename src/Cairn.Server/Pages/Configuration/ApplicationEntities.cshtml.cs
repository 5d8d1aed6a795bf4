using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>The archive's own AEs (shown) and the registry of remote AEs (added, changed and deleted here as over REST /aes).</summary>
public sealed class ApplicationEntitiesModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public ArchiveDevice Device { get; private set; } = new();

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public void OnGet(string? saved, string? deleted)
    {
        Read();
        Outcome = saved is not null ? EditOutcome.None with { Saved = $"Remote AE {saved} saved." }
            : deleted is not null ? EditOutcome.None with { Saved = $"Remote AE {deleted} deleted." }
            : EditOutcome.None;
    }

    public async Task<IActionResult> OnPostDeleteAsync(string aet, CancellationToken cancellationToken)
    {
        var edit = await editor.DeleteRemoteAEAsync(aet, new FormValues(Request.Form, FieldProblems.None).Version, cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/aes?deleted={Uri.EscapeDataString(aet)}");
        }

        Read();
        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, "-"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Read()
    {
        Device = store.Current;
        Version = store.Version;
    }
}
