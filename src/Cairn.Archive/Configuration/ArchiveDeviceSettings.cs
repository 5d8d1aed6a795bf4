using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>Archive-wide settings (dcm4che <c>dcmArchiveDevice</c>).</summary>
public sealed record ArchiveDeviceSettings
{
    /// <summary>What a C-STORE of an instance already stored does, unless the AE says otherwise.</summary>
    [JsonPropertyName("dcmOverwritePolicy")]
    public OverwritePolicy OverwritePolicy { get; init; } = OverwritePolicy.Never;

    /// <summary>The most matches a query answers before it refuses (C-FIND A700H, QIDO-RS 413).</summary>
    [JsonPropertyName("dcmQueryMaxNumberOfResults")]
    public int QueryMaxNumberOfResults { get; init; } = 10000;

    /// <summary>
    /// Whether each received file is flushed to the disk (fsync) before its C-STORE-RSP. Off, a file survives a crash
    /// of the archive but not of the machine; on, it survives both, and every C-STORE waits for the disk.
    /// </summary>
    [JsonPropertyName("dcmStorageFsync")]
    public bool StorageFsync { get; init; } = true;

    /// <summary>The task queues: IANSCU for IAN tasks, and the export queues exporters name.</summary>
    [JsonPropertyName("dcmQueue")]
    public IReadOnlyList<QueueDescriptor> Queues { get; init; } = DefaultQueues;

    [JsonPropertyName("dcmExporter")]
    public IReadOnlyList<ExporterDescriptor> Exporters { get; init; } = [];

    [JsonPropertyName("dcmExportRule")]
    public IReadOnlyList<ExportRule> ExportRules { get; init; } = [];

    /// <summary>The exporter with <paramref name="exporterId"/>, if any.</summary>
    public ExporterDescriptor? FindExporter(string exporterId) => Exporters.FirstOrDefault(e => string.Equals(e.ExporterId, exporterId, StringComparison.Ordinal));

    /// <summary>How long a node's claim on an IN PROCESS task lasts without renewal before another node may take it over.</summary>
    [JsonPropertyName("dcmTaskLeaseDuration")]
    public string TaskLeaseDuration { get; init; } = "PT1M";

    /// <summary>
    /// How often a queue's worker looks for due tasks without being woken: tasks made by another archive process on
    /// the same database, and leases that ran out. Tasks made in this process start at once whatever it is.
    /// </summary>
    [JsonPropertyName("dcmTaskPollingInterval")]
    public string TaskPollingInterval { get; init; } = "PT1S";

    /// <summary>The queue named <paramref name="name"/>, if any.</summary>
    public QueueDescriptor? FindQueue(string name) => Queues.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.Ordinal));

    /// <summary>dcm4chee's sample queues: IAN tasks retried 10 times with growing delays, three export queues.</summary>
    public static IReadOnlyList<QueueDescriptor> DefaultQueues { get; } =
    [
        new QueueDescriptor
        {
            Name = "IANSCU", Description = "IAN Tasks", MaxRetries = 10, RetryDelay = "PT30S", RetryDelayMultiplier = 200,
            MaxRetryDelay = "PT10M", PurgeCompletedDelay = "P1D",
        },
        new QueueDescriptor { Name = "Export1", Description = "Dicom Export Tasks (1)", MaxRetries = 10, RetryDelay = "PT30S", RetryDelayMultiplier = 200, MaxRetryDelay = "PT10M", PurgeCompletedDelay = "P1D" },
        new QueueDescriptor { Name = "Export2", Description = "Dicom Export Tasks (2)", MaxRetries = 10, RetryDelay = "PT30S", RetryDelayMultiplier = 200, MaxRetryDelay = "PT10M", PurgeCompletedDelay = "P1D" },
        new QueueDescriptor { Name = "Export3", Description = "Dicom Export Tasks (3)", MaxRetries = 10, RetryDelay = "PT30S", RetryDelayMultiplier = 200, MaxRetryDelay = "PT10M", PurgeCompletedDelay = "P1D" },
    ];
}
