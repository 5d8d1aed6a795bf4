namespace Cairn.Archive.Tasks;

/// <summary>Which tasks a list, count or bulk operation applies to (the spec's filters); null matches any.</summary>
public sealed record TaskFilter
{
    public string? Queue { get; init; }
    public string? Type { get; init; }
    public string? DeviceName { get; init; }
    public IReadOnlyList<QueueTaskStatus>? Statuses { get; init; }
    public string? BatchId { get; init; }
    public string? LocalAET { get; init; }
    public string? RemoteAET { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? ExporterId { get; init; }
    public long? TaskId { get; init; }

    /// <summary>Tasks queued by this one's completion (an export's IAN tasks).</summary>
    public long? CausedByTaskId { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }

    /// <summary>Only tasks not updated after this time (a bulk operation skips what changed since it began).</summary>
    public DateTimeOffset? UpdatedNotAfter { get; init; }
}
