using Cairn.Archive.Configuration;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Tasks;

/// <summary>
/// Runs one queue's tasks: claims due ones up to the queue's dcmMaxTasksParallel, runs each with its type's
/// processor while renewing its lease, records the result, and sleeps until the next task is due, a wake-up signal
/// arrives, or a short poll interval passes (tasks another process created, leases that ran out).
/// </summary>
public sealed partial class TaskWorker
{
    // After a database error: not the configured interval, which may be long.
    private static readonly TimeSpan RetryAfterError = TimeSpan.FromSeconds(1);

    private readonly string _queue;
    private readonly string _node;
    private readonly TaskStore _store;
    private readonly TaskSignals _signals;
    private readonly ConfigurationStore _configuration;
    private readonly Dictionary<string, ITaskProcessor> _processors;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<Task> _running = [];

    public TaskWorker(string queue, string node, TaskStore store, TaskSignals signals, ConfigurationStore configuration, IEnumerable<ITaskProcessor> processors, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _node = node;
        _store = store;
        _signals = signals;
        _configuration = configuration;
        _processors = processors.ToDictionary(p => p.Type, StringComparer.Ordinal);
        _time = time;
        _logger = logger;
    }

    // The spec's "the first time a node touches a queue, its stale IN PROCESS tasks are reset to SCHEDULED": those a
    // dead process of this machine left run again now, not after their lease. Others' wait for their lease.
    private async Task ReleaseDeadPredecessorsAsync(CancellationToken stopping)
    {
        try
        {
            var released = await _store.ReleaseClaimsAsync(_queue, claimant => TaskNodeName.IsDeadPredecessor(claimant, _node, TaskNodeName.IsProcessAlive), stopping).ConfigureAwait(false);
            if (released > 0)
            {
                LogReleased(released, _queue);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Their leases still bring them back.
            LogReleaseFailed(_queue, e.Message);
        }
    }

    /// <summary>Runs until <paramref name="stopping"/>; then waits for the tasks it started (they see the same token).</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        await ReleaseDeadPredecessorsAsync(stopping).ConfigureAwait(false);
        var lastPurge = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var descriptor = _configuration.Current.Archive.FindQueue(_queue);
                if (descriptor is null)
                {
                    // The queue was removed from the configuration; look again later.
                    await _signals.WaitAsync(_queue, TimeSpan.FromSeconds(5), stopping).ConfigureAwait(false);
                    continue;
                }

                _running.RemoveWhere(t => t.IsCompleted);
                var free = descriptor.MaxTasksParallel - _running.Count;
                if (free > 0)
                {
                    var lease = IsoDuration.Parse(_configuration.Current.Archive.TaskLeaseDuration);
                    foreach (var task in await _store.ClaimAsync(_queue, _node, free, lease, stopping).ConfigureAwait(false))
                    {
                        _running.Add(RunTaskAsync(task, lease, stopping));
                    }
                }

                if (_time.GetUtcNow() - lastPurge > TimeSpan.FromMinutes(1))
                {
                    lastPurge = _time.GetUtcNow();
                    var purged = await _store.PurgeAsync(descriptor, stopping).ConfigureAwait(false);
                    if (purged > 0)
                    {
                        LogPurged(purged, _queue);
                    }
                }

                var wait = IsoDuration.Parse(_configuration.Current.Archive.TaskPollingInterval);
                if (_running.Count < descriptor.MaxTasksParallel && await _store.NextDueAsync(_queue, stopping).ConfigureAwait(false) is { } next)
                {
                    var until = next - _time.GetUtcNow();
                    wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < wait ? until : wait;
                }

                if (wait > TimeSpan.Zero)
                {
                    // The wait for a wake-up is cancelled when a run finishes first: left pending, it would take the
                    // next wake-up for itself and the task it announces would wait for the poll interval.
                    using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    var wake = _signals.WaitAsync(_queue, wait, waiting.Token);
                    var finished = _running.Count > 0 ? Task.WhenAny(_running) : Task.Delay(Timeout.Infinite, waiting.Token);
                    await Task.WhenAny(wake, finished).ConfigureAwait(false);
                    await waiting.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database is away: say so once per attempt and try again shortly.
                LogQueueError(_queue, e.Message);
                await Task.Delay(RetryAfterError, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_running).ConfigureAwait(false);
    }

    private async Task RunTaskAsync(QueueTask task, TimeSpan lease, CancellationToken stopping)
    {
        // Off the loop's thread: a processor that blocks must not hold up claiming.
        await Task.Yield();
        using var run = _signals.Running(task.TaskId, stopping);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewAsync(task, lease, run, renewal.Token);
        TaskResult result;
        LogStarted(task.TaskId, task.Type, _queue);
        try
        {
            result = _processors.TryGetValue(task.Type, out var processor)
                ? await processor.ProcessAsync(task, run.Token).ConfigureAwait(false)
                : TaskResult.Failed($"no processor for tasks of type {task.Type}");
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            result = TaskResult.Canceled(stopping.IsCancellationRequested ? "the archive stopped" : "canceled");
        }
        catch (Exception e)
        {
            result = TaskResult.Failed(e.Message);
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            _signals.Finished(task.TaskId);
        }

        if (stopping.IsCancellationRequested && result.Status == QueueTaskStatus.Canceled)
        {
            // Stopping is not an operator's cancel: the task goes back to waiting, and the next start (or another
            // node) runs it again.
            await _store.ReleaseAsync(task, _node, CancellationToken.None).ConfigureAwait(false);
            LogLeftForRestart(task.TaskId);
            return;
        }

        try
        {
            var recorded = await _store.FinishAsync(task, _node, result, CancellationToken.None).ConfigureAwait(false);
            var text = (recorded ?? task with { Status = result.Status }).Status.Text();
            if (recorded is null)
            {
                LogDiscarded(task.TaskId, text);
            }
            else
            {
                var outcome = result.OutcomeMessage ?? result.ErrorMessage ?? "";
                LogFinished(task.TaskId, task.Type, text, outcome);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogQueueError(_queue, $"cannot record the result of task {task.TaskId}: {e.Message}");
        }
    }

    // Keeps the claim alive while the task runs; if the task is no longer ours (cancelled or rescheduled on another
    // node, or deleted), stops the run.
    private async Task RenewAsync(QueueTask task, TimeSpan lease, CancellationTokenSource run, CancellationToken done)
    {
        var every = lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, _time, done).ConfigureAwait(false);
                if (!await _store.RenewLeaseAsync(task.TaskId, _node, lease, done).ConfigureAwait(false))
                {
                    await run.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogQueueError(_queue, $"cannot renew the lease of task {task.TaskId}: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ({Type}) started on queue {Queue}")]
    private partial void LogStarted(long taskId, string type, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ({Type}): {Status} {Outcome}")]
    private partial void LogFinished(long taskId, string type, string status, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ended {Status}, but it was cancelled, rescheduled or deleted meanwhile; that stands")]
    private partial void LogDiscarded(long taskId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} interrupted by the stop; it runs again at the next start")]
    private partial void LogLeftForRestart(long taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} tasks of queue {Queue} were left IN PROCESS by a process of this machine that is gone; they are scheduled again")]
    private partial void LogReleased(int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: the tasks a dead process left IN PROCESS could not be released ({Problem}); their leases bring them back")]
    private partial void LogReleaseFailed(string queue, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} finished tasks of queue {Queue}")]
    private partial void LogPurged(int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: {Problem}")]
    private partial void LogQueueError(string queue, string problem);
}
