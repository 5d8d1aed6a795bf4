namespace Cairn.Archive.Tasks;

/// <summary>What a new task is made of; it starts SCHEDULED at <see cref="ScheduledTime"/> (now when null).</summary>
public sealed record NewTask
{
    public required string Queue { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset? ScheduledTime { get; init; }
    public string? BatchId { get; init; }
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
    public long? CausedByTaskId { get; init; }
    public byte[]? Payload { get; init; }
}
