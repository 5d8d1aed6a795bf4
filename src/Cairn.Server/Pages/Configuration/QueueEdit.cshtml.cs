using Cairn.Archive.Configuration;
using Cairn.Server.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Configuration;

/// <summary>One queue's settings; a number that is not one is shown back as typed, with the problem next to it.</summary>
public sealed class QueueEditModel(ConfigurationStore store, ConfigurationEditor editor) : PageModel
{
    public QueueDescriptor Queue { get; private set; } = new();

    public string? OriginalName { get; private set; }

    public bool IsNew => OriginalName is null;

    public long Version { get; private set; }

    public EditOutcome Outcome { get; private set; } = EditOutcome.None;

    /// <summary>What was typed into a number field that could not be read, to show it back; null otherwise.</summary>
    public string? Raw(string field) => Outcome.Problems.For(field) is not null && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public IActionResult OnGet(string? name)
    {
        Version = store.Version;
        if (name is null)
        {
            return Page();
        }

        if (store.Current.Archive.FindQueue(name) is not { } queue)
        {
            return NotFound();
        }

        (Queue, OriginalName) = (queue, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken cancellationToken)
    {
        var unreadable = FieldProblems.None;
        var form = new FormValues(Request.Form, unreadable);
        OriginalName = name;
        Queue = new QueueDescriptor
        {
            Name = form.Text("dcmQueueName"),
            Description = form.Optional("dicomDescription"),
            MaxTasksParallel = form.Number("dcmMaxTasksParallel", 1),
            MaxRetries = form.Number("dcmMaxRetries", 0),
            RetryDelay = form.Text("dcmRetryDelay"),
            RetryDelayMultiplier = form.Number("dcmRetryDelayMultiplier", 100),
            MaxRetryDelay = form.Optional("dcmMaxRetryDelay"),
            RetryOnWarning = form.Checked("dcmRetryOnWarning"),
            PurgeCompletedDelay = form.Optional("dcmPurgeQueueMessageCompletedDelay"),
            PurgeFailedDelay = form.Optional("dcmPurgeQueueMessageFailedDelay"),
            PurgeWarningDelay = form.Optional("dcmPurgeQueueMessageWarningDelay"),
            PurgeCanceledDelay = form.Optional("dcmPurgeQueueMessageCanceledDelay"),
        };
        Version = form.Version ?? store.Version;
        if (unreadable.Any)
        {
            Outcome = new EditOutcome(null, unreadable, null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var queues = store.Current.Archive.Queues.ToList();
        var index = name is null ? queues.Count : queues.FindIndex(q => q.Name == name);
        if (index < 0)
        {
            Outcome = EditOutcome.None with { Conflict = $"Queue {name} no longer exists; it was deleted meanwhile." };
            return Page();
        }

        var edit = await editor.ChangeAsync(
            device => device with
            {
                Archive = device.Archive with
                {
                    Queues = name is null ? [.. device.Archive.Queues, Queue] : [.. device.Archive.Queues.Select(q => q.Name == name ? Queue : q)],
                },
            },
            form.Version,
            cancellationToken);
        if (edit.Saved)
        {
            return Redirect($"/configuration/queues?saved={Uri.EscapeDataString(Queue.Name)}");
        }

        Outcome = new EditOutcome(null, FieldProblems.Of(edit.Problems, $"dcmArchiveDevice.dcmQueue[{index}]"), edit.Conflict);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
