using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// A task monitor (Queues, Export): the filter form (<see cref="TaskFilterModel"/>); a page of tasks (one more fetched
/// to know whether a next page exists, no count unless asked); and the per-task and bulk operations of
/// <see cref="TaskService"/>. Every change is a POST that redirects back to the list, so that a reload (or the
/// auto-refresh) never repeats it.
/// </summary>
public abstract class TaskMonitorModel : TaskFilterModel
{
    protected TaskMonitorModel(TaskService tasks, ConfigurationStore configuration, TimeProvider time)
        : base(tasks, configuration)
    {
        Time = time;
    }

    /// <summary>What the tasks here are called in confirmations ("IAN Tasks", "export tasks").</summary>
    public abstract string ScopeLabel { get; }

    public IReadOnlyList<QueueTask> Tasks { get; private set; } = [];

    /// <summary>Whether a page follows this one.</summary>
    public bool HasMore { get; private set; }

    /// <summary>The count of matching tasks, when the operator asked for it (Count).</summary>
    public long? Count { get; private set; }

    /// <summary>The outcome of the last change, shown once after its redirect.</summary>
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    protected TimeProvider Time { get; }

    /// <summary>How many tasks match, if known without another query: counted, or all of them are on this one page.</summary>
    public long? KnownCount => Count ?? (Parameters is { Offset: 0 } && !HasMore ? Tasks.Count : null);

    /// <summary>
    /// The matching tasks in a confirmation's words, with their number when it is known without counting: "the 6
    /// CANCELED tasks of IAN Tasks that match the filter", "every task of IAN Tasks that matches the filter".
    /// </summary>
    public string MatchingWords()
    {
        var of = $"of {ScopeLabel}";
        var status = FilterStatus is { } s ? s.Text() + " " : "";
        return KnownCount switch
        {
            1 => $"the 1 {status}task {of} that matches the filter",
            { } n => $"the {n:N0} {status}tasks {of} that match the filter",
            null => $"every {status}task {of} that matches the filter",
        };
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Prepare(null))
        {
            return Page();
        }

        var page = await Service.ListAsync(Parameters! with { Limit = Parameters!.Limit + 1 }, cancellationToken).ConfigureAwait(false);
        HasMore = page.Count > Parameters.Limit;
        Tasks = HasMore ? [.. page.Take(Parameters.Limit)] : page;
        if (Request.Query.ContainsKey("count"))
        {
            Count = await Service.CountAsync(Parameters.Filter, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }

    public Task<IActionResult> OnPostRescheduleAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "rescheduled", scope => Service.RescheduleAsync(scope, taskID, null, null, cancellationToken));

    public Task<IActionResult> OnPostCancelAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "cancelled", scope => Service.CancelAsync(scope, taskID, cancellationToken));

    public Task<IActionResult> OnPostDeleteAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "deleted", scope => Service.DeleteAsync(scope, taskID, cancellationToken));

    /// <summary>Reschedules every matching task; <paramref name="status"/> is the form's choice when the filter names none.</summary>
    public Task<IActionResult> OnPostRescheduleAllAsync(string? status, string? scheduledTime, CancellationToken cancellationToken) =>
        RescheduleAllAsync(Time.GetUtcNow(), status, scheduledTime, null, "rescheduled", cancellationToken);

    /// <summary>
    /// Schedules every matching task again (on <paramref name="target"/> when given) as the REST API does: the filter
    /// (<paramref name="status"/> standing in when it names none), then the time; tasks updated after
    /// <paramref name="began"/> are left alone.
    /// </summary>
    protected async Task<IActionResult> RescheduleAllAsync(DateTimeOffset began, string? status, string? scheduledTime, TaskTarget? target, string done, CancellationToken cancellationToken)
    {
        if (!Prepare(status))
        {
            return Back(Problem!, error: true);
        }

        DateTimeOffset? when;
        try
        {
            when = TaskQueryParameters.ScheduledTime(scheduledTime);
        }
        catch (ArgumentException e)
        {
            return Back(e.Message, error: true);
        }

        return Back(await Service.RescheduleMatchingAsync(Parameters!.Filter, target, when, began, cancellationToken).ConfigureAwait(false), done);
    }

    public async Task<IActionResult> OnPostCancelAllAsync(string? status, CancellationToken cancellationToken) =>
        Prepare(status)
            ? Back(await Service.CancelMatchingAsync(Parameters!.Filter, cancellationToken).ConfigureAwait(false), "cancelled")
            : Back(Problem!, error: true);

    public async Task<IActionResult> OnPostDeleteAllAsync(CancellationToken cancellationToken) =>
        Prepare(null)
            ? Back(await Service.DeleteMatchingAsync(Parameters!.Filter, cancellationToken).ConfigureAwait(false), "deleted")
            : Back(Problem!, error: true);

    private async Task<IActionResult> OneAsync(long taskId, string done, Func<TaskScope, Task<TaskOutcome>> change)
    {
        var (scope, problem) = ResolveScope();
        if (scope is null)
        {
            return Back(problem!, error: true);
        }

        var outcome = await change(scope).ConfigureAwait(false);
        return Back(outcome.Succeeded ? $"Task {taskId} {done}." : outcome.Error!, error: !outcome.Succeeded);
    }

    protected RedirectResult Back(TaskOutcome outcome, string done) =>
        Back(outcome.Succeeded ? $"{TaskDisplay.Tasks(outcome.Count)} {done}." : outcome.Error!, error: !outcome.Succeeded);

    protected RedirectResult Back(string message, bool error)
    {
        Message = message;
        MessageIsError = error;
        return Redirect(PageUrl(("handler", null)));
    }
}
