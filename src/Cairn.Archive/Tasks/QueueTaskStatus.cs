namespace Cairn.Archive.Tasks;

/// <summary>A task's status. Open: SCHEDULED, SCHEDULED FOR RETRY, IN PROCESS; finished: the rest.</summary>
public enum QueueTaskStatus
{
    Scheduled,
    ScheduledForRetry,
    InProcess,
    Completed,
    Warning,
    Failed,
    Canceled,
}
