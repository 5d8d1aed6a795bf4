using System.Data.Common;

namespace Cairn.Archive.Tasks;

/// <summary>
/// How a task's run ended: COMPLETED, WARNING, FAILED or CANCELED with the outcome message, or the error of an
/// exception. <see cref="OnCompleted"/> runs in the transaction that records a COMPLETED status (an export queues its
/// IAN tasks there, so that a crash cannot complete the export and lose the notification).
/// </summary>
public sealed record TaskResult(QueueTaskStatus Status, string? OutcomeMessage, string? ErrorMessage = null)
{
    /// <summary>Makes further tasks in the completing transaction; their queues are woken once it commits.</summary>
    public Func<DbConnection, DbTransaction, CancellationToken, Task<IReadOnlyList<QueueTask>>>? OnCompleted { get; init; }

    /// <summary>What the run found to work on (an export: the instances and their modalities); recorded on the task when set.</summary>
    public TaskScopeFigures? Figures { get; init; }

    public static TaskResult Completed(string outcome) => new(QueueTaskStatus.Completed, outcome);

    public static TaskResult Warning(string outcome) => new(QueueTaskStatus.Warning, outcome);

    public static TaskResult Failed(string error, string? outcome = null) => new(QueueTaskStatus.Failed, outcome, error);

    public static TaskResult Canceled(string outcome) => new(QueueTaskStatus.Canceled, outcome);
}
