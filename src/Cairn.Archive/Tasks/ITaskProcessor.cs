namespace Cairn.Archive.Tasks;

/// <summary>Runs tasks of one type (EXPORT, IAN). An exception is recorded as FAILED with its message, and retried.</summary>
public interface ITaskProcessor
{
    /// <summary>The task type it runs, as stored (<c>EXPORT</c>, <c>IAN</c>).</summary>
    string Type { get; }

    /// <summary>Runs <paramref name="task"/>; <paramref name="cancellationToken"/> fires when an operator cancels it or the archive stops.</summary>
    Task<TaskResult> ProcessAsync(QueueTask task, CancellationToken cancellationToken);
}
