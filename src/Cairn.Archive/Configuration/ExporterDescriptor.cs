using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>
/// An exporter (dcm4che <c>dcmExporter</c>): where its tasks send (<c>dicom:AET</c> by C-STORE, <c>noop:name</c>
/// nowhere), on which queue, as which of the archive's AEs, and whom it notifies by IAN after a COMPLETED export.
/// </summary>
public sealed record ExporterDescriptor
{
    [JsonPropertyName("dcmExporterID")]
    public string ExporterId { get; init; } = "";

    [JsonPropertyName("dcmURI")]
    public string Uri { get; init; } = "";

    /// <summary>The queue of the exporter's tasks; required (no default, as in dcm4chee).</summary>
    [JsonPropertyName("dcmQueueName")]
    public required string QueueName { get; init; }

    /// <summary>The archive AE that reads the objects, calls the destination and sends the IANs.</summary>
    [JsonPropertyName("dicomAETitle")]
    public string AETitle { get; init; } = "DCM4CHEE";

    [JsonPropertyName("dicomDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("dcmIanDestination")]
    public IReadOnlyList<string> IanDestinations { get; init; } = [];

    [JsonPropertyName("dcmRetrieveAET")]
    public IReadOnlyList<string> RetrieveAETitles { get; init; } = [];

    [JsonPropertyName("dcmRetrieveLocationUID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RetrieveLocationUid { get; init; }

    [JsonPropertyName("dcmInstanceAvailability")]
    public string InstanceAvailability { get; init; } = "ONLINE";

    /// <summary>Windows in which rule-triggered exports may start (<c>hour=18-6 dayOfWeek=1-5</c>); none: always.</summary>
    [JsonPropertyName("dcmSchedule")]
    public IReadOnlyList<string> Schedules { get; init; } = [];

    [JsonPropertyName("dcmExportAsSourceAE")]
    public bool ExportAsSourceAE { get; init; }

    /// <summary>The destination AE title of a <c>dicom:</c> exporter, else null.</summary>
    [JsonIgnore]
    public string? DestinationAETitle => Uri.StartsWith("dicom:", StringComparison.Ordinal) ? Uri["dicom:".Length..] : null;

    [JsonIgnore]
    public bool IsNoop => Uri.StartsWith("noop:", StringComparison.Ordinal);
}
