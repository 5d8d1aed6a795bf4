using System.Collections.Concurrent;
using Cairn.Archive.Tasks;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// A task processor for queue tests (type TEST): each run takes the next scripted result (COMPLETED once the script
/// is used up), a "block" step waits until the run is cancelled, and every run is recorded with its time.
/// </summary>
public sealed class ScriptedProcessor : ITaskProcessor
{
    private readonly ConcurrentQueue<string> _script = new();

    public string Type => "TEST";

    public ConcurrentQueue<(long TaskId, DateTimeOffset Started)> Runs { get; } = new();

    public TaskCompletionSource<long> Blocked { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Steps: "complete", "fail", "warn", "throw", "block".</summary>
    public void Script(params string[] steps)
    {
        foreach (var step in steps)
        {
            _script.Enqueue(step);
        }
    }

    public async Task<TaskResult> ProcessAsync(QueueTask task, CancellationToken cancellationToken)
    {
        Runs.Enqueue((task.TaskId, DateTimeOffset.UtcNow));
        var step = _script.TryDequeue(out var next) ? next : "complete";
        switch (step)
        {
            case "fail":
                return TaskResult.Failed("scripted failure");
            case "warn":
                return TaskResult.Warning("scripted warning");
            case "throw":
                throw new InvalidOperationException("scripted exception");
            case "block":
                Blocked.TrySetResult(task.TaskId);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return TaskResult.Completed("unreachable");
            default:
                return TaskResult.Completed($"ran task {task.TaskId}");
        }
    }
}
