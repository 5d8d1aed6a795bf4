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
}
