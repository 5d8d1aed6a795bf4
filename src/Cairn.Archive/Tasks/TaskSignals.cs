using System.Collections.Concurrent;

namespace Cairn.Archive.Tasks;

/// <summary>
/// In-process signals between whoever changes tasks and the workers that run them: a queue has due work (so a task
/// starts within milliseconds, not after a polling interval), and a running task was cancelled, rescheduled or deleted
/// (so its run stops now). Other archive processes on the same database notice by polling and lease renewal.
/// </summary>
public sealed class TaskSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _wake = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    /// <summary>Tells the workers of <paramref name="queue"/> to look for due tasks.</summary>
    public void Wake(string queue)
    {
        var semaphore = _wake.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one wake-up covers any number of new tasks.
        }
    }

    /// <summary>Waits until <paramref name="queue"/> is woken or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        _wake.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1)).WaitAsync(timeout, cancellationToken);

    /// <summary>Registers a task this process is running; the token is cancelled by <see cref="Cancel"/>.</summary>
    public CancellationTokenSource Running(long taskId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[taskId] = source;
        return source;
    }

    /// <summary>The task is no longer running here.</summary>
    public void Finished(long taskId)
    {
        if (_running.TryRemove(taskId, out var source))
        {
            source.Dispose();
        }
    }

    /// <summary>Stops the run of <paramref name="taskId"/> if this process runs it.</summary>
    public void Cancel(long taskId)
    {
        if (_running.TryGetValue(taskId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished meanwhile.
            }
        }
    }
}
