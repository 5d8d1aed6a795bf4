using Cairn.Archive.Configuration;
using Cairn.Archive.Ian;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// One task with every field, its per-task operations (those of <see cref="TaskService"/>, as the monitors'), and the
/// tasks it is linked with: an IAN task's export (the one whose completion queued it), an export's IAN tasks.
/// </summary>
public sealed class TaskModel(TaskService tasks, ConfigurationStore configuration) : PageModel
{
    public ArchiveDevice Device { get; } = configuration.Current;

    public long TaskId { get; private set; }

    public QueueTask? Shown { get; private set; }

    /// <summary>For a task queued by another's completion: that task (null when it is no longer there).</summary>
    public QueueTask? QueuedBy { get; private set; }

    /// <summary>The tasks this one queued when it completed (an export's IAN tasks).</summary>
    public IReadOnlyList<QueueTask> Queued { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    /// <summary>The queue monitor this task is listed on.</summary>
    public string QueueUrl => $"/monitoring/queues?queue={Uri.EscapeDataString(Shown?.Queue ?? "")}";

    public async Task<IActionResult> OnGetAsync(long taskId, CancellationToken cancellationToken)
    {
        TaskId = taskId;
        Shown = await tasks.GetAsync(TaskScope.Any, taskId, cancellationToken).ConfigureAwait(false);
        if (Shown is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (Shown.CausedByTaskId is { } cause)
        {
            QueuedBy = await tasks.GetAsync(TaskScope.Any, cause, cancellationToken).ConfigureAwait(false);
        }

        if (Shown.Type != IanTasks.Type)
        {
            Queued = await tasks.QueuedByAsync(taskId, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRescheduleAsync(long taskId, CancellationToken cancellationToken) =>
        Back(taskId, await tasks.RescheduleAsync(TaskScope.Any, taskId, null, null, cancellationToken).ConfigureAwait(false), "rescheduled");

    public async Task<IActionResult> OnPostCancelAsync(long taskId, CancellationToken cancellationToken) =>
        Back(taskId, await tasks.CancelAsync(TaskScope.Any, taskId, cancellationToken).ConfigureAwait(false), "cancelled");

    /// <summary>Schedules an export again, now, on another exporter (REST's <c>POST /monitor/export/{taskID}/reschedule/{newExporterID}</c>).</summary>
    public async Task<IActionResult> OnPostMoveAsync(long taskId, string? newExporterID, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(newExporterID))
        {
            return Back(taskId, TaskOutcome.Invalid("newExporterID: choose the exporter to move the task to"), "moved");
        }

        var (target, problem) = tasks.ExporterTarget(newExporterID);
        var outcome = problem ?? await tasks.RescheduleAsync(TaskService.Exports, taskId, target!, null, cancellationToken).ConfigureAwait(false);
        return Back(taskId, outcome, $"moved to {newExporterID}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long taskId, CancellationToken cancellationToken)
    {
        // Where to go once it is gone: the monitor of its queue.
        var queue = (await tasks.GetAsync(TaskScope.Any, taskId, cancellationToken).ConfigureAwait(false))?.Queue;
        var outcome = await tasks.DeleteAsync(TaskScope.Any, taskId, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded || queue is null)
        {
            return Back(taskId, outcome, "deleted");
        }

        Message = $"Task {taskId} deleted.";
        MessageIsError = false;
        return Redirect($"/monitoring/queues?queue={Uri.EscapeDataString(queue)}");
    }

    private RedirectResult Back(long taskId, TaskOutcome outcome, string done)
    {
        Message = outcome.Succeeded ? $"Task {taskId} {done}." : outcome.Error;
        MessageIsError = !outcome.Succeeded;
        return Redirect($"/monitoring/tasks/{taskId}");
    }
}
