using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>One remote AE's form; renaming it is refused while an exporter or rule names the old title.</summary>
public sealed class RemoteAEEditModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public RemoteAE AE { get; private set; } = new();

    public string? OriginalTitle { get; private set; }

    public bool IsNew => OriginalTitle is null;

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    /// <summary>A port as typed when it was not a number, to show it back.</summary>
    public string? RawPort => Outcome.Problems.For("dicomPort") is not null && Request.HasFormContentType ? Request.Form["dicomPort"].ToString() : null;

    public IActionResult OnGet(string? aet)
    {
        Version = store.Version;
        if (aet is null)
        {
            return Page();
        }

        if (store.Current.FindRemoteAE(aet) is not { } ae)
        {
            return NotFound();
        }

        (AE, OriginalTitle) = (ae, aet);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? aet, CancellationToken cancellationToken)
    {
        var unreadable = FieldProblems.None;
        var form = new FormValues(Request.Form, unreadable);
        OriginalTitle = aet;
        var suites = form.Words("dicomTLSCipherSuite");
        AE = new RemoteAE
        {
            AETitle = form.Text("dicomAETitle"),
            Hostname = form.Text("dicomHostname"),
            Port = form.Number("dicomPort", 0),
            Description = form.Optional("dicomDescription"),
            TlsCipherSuites = suites.Count > 0 ? suites : null,
        };
        Version = form.Version ?? store.Version;
        if (unreadable.Any)
        {
            Outcome = new EditOutcome(null, unreadable, null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var remotes = store.Current.RemoteApplicationEntities.ToList();
        var index = remotes.FindIndex(r => r.AETitle == (aet ?? AE.AETitle));
        var edit = await editor.PutRemoteAEAsync(AE, aet, form.Version, cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/aes?saved={Uri.EscapeDataString(AE.AETitle)}");
        }

        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, $"dcmRemoteAE[{(index < 0 ? remotes.Count : index)}]"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
