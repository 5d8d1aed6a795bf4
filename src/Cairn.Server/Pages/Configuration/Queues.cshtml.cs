using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>The task queues' settings (dcmQueue): parallelism, retries, and how long finished tasks are kept.</summary>
public sealed class QueuesModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public IReadOnlyList<QueueDescriptor> Queues { get; private set; } = [];

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    public void OnGet(string? saved, string? deleted)
    {
        Read();
        Outcome = saved is not null ? EditOutcome.None with { Saved = $"Queue {saved} saved." }
            : deleted is not null ? EditOutcome.None with { Saved = $"Queue {deleted} deleted." }
            : EditOutcome.None;
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken cancellationToken)
    {
        var edit = await editor.ChangeAsync(
            device => device with { Archive = device.Archive with { Queues = [.. device.Archive.Queues.Where(q => q.Name != name)] } },
            new FormValues(Request.Form, FieldProblems.None).Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/queues?deleted={Uri.EscapeDataString(name)}");
        }

        Read();
        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, "-"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Read()
    {
        Queues = store.Current.Archive.Queues;
        Version = store.Version;
    }
}
