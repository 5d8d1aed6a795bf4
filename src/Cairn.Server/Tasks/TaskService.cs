using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Tasks;

/// <summary>
/// The operators' task operations with their rules — a task outside the scope is not found there; a bulk cancel
/// names open statuses only; a bulk reschedule leaves alone what a worker changed since the request began — shared
/// by the REST API (<c>/queue/{queue}</c>, <c>/monitor/export</c>) and the monitoring pages.
/// </summary>
public sealed class TaskService
{
    /// <summary>The tasks of <c>/monitor/export</c> and the Export page: every EXPORT task, on any queue.</summary>
    public static TaskScope Exports { get; } = new(null, ExportTasks.Type);

    private readonly TaskStore _store;
    private readonly ConfigurationStore _configuration;

    public TaskService(TaskStore store, ConfigurationStore configuration)
    {
        _store = store;
        _configuration = configuration;
    }

    /// <summary>Why tasks cannot be moved to the devices <paramref name="names"/> (repeatable <c>newDeviceName</c>); null when they all name this one.</summary>
    public string? NewDeviceProblem(IEnumerable<string?> names)
    {
        var own = _configuration.Current.DeviceName;
        return names.FirstOrDefault(n => !string.IsNullOrEmpty(n) && n != own) is { } other
            ? $"Device {other} is not known here: tasks can only be rescheduled on {own}, whose nodes share its queues"
            : null;
    }

    /// <summary>The scope of a configured queue; null when there is no such queue.</summary>
    public TaskScope? QueueScope(string queue) =>
        _configuration.Current.Archive.FindQueue(queue) is null ? null : new TaskScope(queue, null);

    /// <summary>
    /// The filter, order and page that <paramref name="query"/> asks for within <paramref name="scope"/>; a bad value is
    /// an <see cref="ArgumentException"/> naming the parameter.
    /// </summary>
    public static TaskQueryParameters Parse(TaskScope scope, IQueryCollection query)
    {
        var parameters = TaskQueryParameters.Parse(scope.Queue, query);
        return parameters with { Filter = parameters.Filter with { Type = scope.Type } };
    }

    public Task<IReadOnlyList<QueueTask>> ListAsync(TaskQueryParameters parameters, CancellationToken cancellationToken) =>
        _store.ListAsync(parameters.Filter, parameters.Order, parameters.Offset, parameters.Limit, cancellationToken);

    /// <summary>The batches of the matching tasks, a page of them in the parameters' order.</summary>
    public Task<IReadOnlyList<TaskBatch>> ListBatchesAsync(TaskQueryParameters parameters, CancellationToken cancellationToken) =>
        _store.ListBatchesAsync(parameters.Filter, parameters.Order, parameters.Offset, parameters.Limit, cancellationToken);

    public Task<long> CountAsync(TaskFilter filter, CancellationToken cancellationToken) => _store.CountAsync(filter, cancellationToken);

    /// <summary>The task, if it is in <paramref name="scope"/>'s sight.</summary>
    public async Task<QueueTask?> GetAsync(TaskScope scope, long taskId, CancellationToken cancellationToken) =>
        await _store.GetAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task && scope.Holds(task) ? task : null;

    /// <summary>The tasks <paramref name="taskId"/> queued when it completed (an export's IAN tasks), oldest first.</summary>
    public Task<IReadOnlyList<QueueTask>> QueuedByAsync(long taskId, CancellationToken cancellationToken) =>
        _store.ListAsync(new TaskFilter { CausedByTaskId = taskId }, new TaskOrder("created_time", false), 0, 1000, cancellationToken);

    /// <summary>Cancels one open task; a finished one is a conflict that names its status.</summary>
    public async Task<TaskOutcome> CancelAsync(TaskScope scope, long taskId, CancellationToken cancellationToken)
    {
        if (await GetAsync(scope, taskId, cancellationToken).ConfigureAwait(false) is null)
        {
            return TaskOutcome.NoSuchTask(taskId);
        }

        var change = await _store.CancelAsync(taskId, cancellationToken).ConfigureAwait(false);
        return change.Result switch
        {
            TaskChangeResult.NotFound => TaskOutcome.NoSuchTask(taskId),
            TaskChangeResult.Conflict => TaskOutcome.Conflict($"Cannot cancel Task with status: {change.PreviousStatus!.Value.Text()}"),
            _ => TaskOutcome.Changed(1),
        };
    }

    /// <summary>Where an export rescheduled on <paramref name="exporterId"/> goes (its queue, local and remote AE), or why it cannot.</summary>
    public (TaskTarget? Target, TaskOutcome? Problem) ExporterTarget(string exporterId)
    {
        var archive = _configuration.Current.Archive;
        if (archive.FindExporter(exporterId) is not { } exporter)
        {
            return (null, new TaskOutcome(TaskOutcomeKind.NotFound, Error: $"No such Exporter: {exporterId}"));
        }

        return archive.FindQueue(exporter.QueueName) is null
            ? (null, new TaskOutcome(TaskOutcomeKind.NotFound, Error: $"No such Queue: {exporter.QueueName}"))
            : (new TaskTarget(exporter.QueueName, exporter.ExporterId, exporter.AETitle, exporter.DestinationAETitle), null);
    }

    /// <summary>
    /// Schedules one task again (any status) at <paramref name="when"/> (now when null); on another queue and peers
    /// when <paramref name="target"/> is given (<see cref="ExporterTarget"/>).
    /// </summary>
    public async Task<TaskOutcome> RescheduleAsync(TaskScope scope, long taskId, TaskTarget? target, DateTimeOffset? when, CancellationToken cancellationToken)
    {
        if (await GetAsync(scope, taskId, cancellationToken).ConfigureAwait(false) is null)
        {
            return TaskOutcome.NoSuchTask(taskId);
        }

        var change = await _store.RescheduleAsync(taskId, target, when, cancellationToken).ConfigureAwait(false);
        return change.Result == TaskChangeResult.NotFound ? TaskOutcome.NoSuchTask(taskId) : TaskOutcome.Changed(1);
    }

    /// <summary>Deletes one task (any status); a running one is stopped first.</summary>
    public async Task<TaskOutcome> DeleteAsync(TaskScope scope, long taskId, CancellationToken cancellationToken)
    {
        if (await GetAsync(scope, taskId, cancellationToken).ConfigureAwait(false) is null)
        {
            return TaskOutcome.NoSuchTask(taskId);
        }

        var change = await _store.DeleteAsync(taskId, cancellationToken).ConfigureAwait(false);
        return change.Result == TaskChangeResult.NotFound ? TaskOutcome.NoSuchTask(taskId) : TaskOutcome.Changed(1);
    }

    /// <summary>Cancels every task <paramref name="filter"/> matches; the filter must name open statuses only.</summary>
    public async Task<TaskOutcome> CancelMatchingAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Statuses is not { Count: > 0 } statuses)
        {
            return TaskOutcome.Invalid("status: a bulk cancel needs the status of the tasks to cancel (SCHEDULED, SCHEDULED FOR RETRY or IN PROCESS)");
        }

        if (statuses.FirstOrDefault(s => !s.IsOpen()) is var finished && !finished.IsOpen())
        {
            return TaskOutcome.Invalid($"status: tasks with status {finished.Text()} are finished and cannot be cancelled");
        }

        return TaskOutcome.Changed(await _store.CancelAsync(filter, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Schedules every task <paramref name="filter"/> matches again, on another queue and peers when
    /// <paramref name="target"/> is given (<see cref="ExporterTarget"/>), except those updated after
    /// <paramref name="began"/> (a worker's meanwhile: not this request's to touch).
    /// </summary>
    public async Task<TaskOutcome> RescheduleMatchingAsync(TaskFilter filter, TaskTarget? target, DateTimeOffset? when, DateTimeOffset began, CancellationToken cancellationToken) =>
        TaskOutcome.Changed(await _store.RescheduleAsync(filter with { UpdatedNotAfter = began }, target, when, cancellationToken).ConfigureAwait(false));

    public async Task<TaskOutcome> DeleteMatchingAsync(TaskFilter filter, CancellationToken cancellationToken) =>
        TaskOutcome.Changed(await _store.DeleteAsync(filter, cancellationToken).ConfigureAwait(false));
}
