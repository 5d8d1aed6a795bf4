namespace Cairn.Archive.Tasks;

/// <summary>
/// The tasks of one batch (<c>batchID</c>) taken together, as <c>/monitor/export/batch</c> shows them: how many are
/// in each status, the range of their created, updated and scheduled times, and the exporters and devices they name.
/// </summary>
public sealed record TaskBatch(
    string BatchId,
    IReadOnlyDictionary<QueueTaskStatus, long> Counts,
    DateTimeOffset CreatedFrom,
    DateTimeOffset CreatedTo,
    DateTimeOffset UpdatedFrom,
    DateTimeOffset UpdatedTo,
    DateTimeOffset ScheduledFrom,
    DateTimeOffset ScheduledTo,
    IReadOnlyList<string> ExporterIds,
    IReadOnlyList<string> DeviceNames);
