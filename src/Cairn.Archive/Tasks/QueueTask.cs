namespace Cairn.Archive.Tasks;

/// <summary>One task of a queue, as stored.</summary>
public sealed record QueueTask
{
    public long TaskId { get; init; }
    public string DeviceName { get; init; } = "";
    public string Queue { get; init; } = "";
    public string Type { get; init; } = "";
    public QueueTaskStatus Status { get; init; }
    public string? BatchId { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; init; }
    public DateTimeOffset ScheduledTime { get; init; }
    public DateTimeOffset? ProcessingStartTime { get; init; }
    public DateTimeOffset? ProcessingEndTime { get; init; }
    public string? ErrorMessage { get; init; }
    public string? OutcomeMessage { get; init; }
    public string? RequesterUserId { get; init; }
    public string? RequesterHost { get; init; }
    public string? RequestUri { get; init; }
    public string? LocalAET { get; init; }
    public string? RemoteAET { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? SopInstanceUid { get; init; }
    public string? ExporterId { get; init; }
    public long? NumberOfInstances { get; init; }
    public string? Modalities { get; init; }

    /// <summary>For an IAN task: the export task whose completion queued it.</summary>
    public long? CausedByTaskId { get; init; }

    /// <summary>What the task carries (an IAN task: the encoded IAN data set).</summary>
    public byte[]? Payload { get; init; }

    /// <summary>The node that runs it, while IN PROCESS.</summary>
    public string? ClaimedBy { get; init; }
}
