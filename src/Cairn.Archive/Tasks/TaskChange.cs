namespace Cairn.Archive.Tasks;

/// <summary>What an operation on one task found: no such task, a status that forbids it, or done.</summary>
public enum TaskChangeResult
{
    NotFound,
    Conflict,
    Done,
}

/// <summary>The result of cancelling, rescheduling or deleting one task, with the status it had.</summary>
public sealed record TaskChange(TaskChangeResult Result, QueueTaskStatus? PreviousStatus = null);
