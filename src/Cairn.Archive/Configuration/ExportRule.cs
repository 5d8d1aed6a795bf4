using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>
/// An export rule (dcm4che <c>dcmExportRule</c>): objects arriving that match its conditions, inside its schedule,
/// are exported by its exporters, at the level of its entity, <see cref="Duration"/> after the last of them.
/// </summary>
public sealed record ExportRule
{
    [JsonPropertyName("cn")]
    public string Name { get; init; } = "";

    /// <summary>Study, Series or Instance; required (no default, as in dcm4chee).</summary>
    [JsonPropertyName("dcmEntity")]
    public required string Entity { get; init; }

    [JsonPropertyName("dcmExporterID")]
    public IReadOnlyList<string> ExporterIds { get; init; } = [];

    /// <summary>Conditions, all of which must hold: <c>Modality=CT|MR</c>, <c>SendingApplicationEntityTitle!=TEST</c>.</summary>
    [JsonPropertyName("dcmProperty")]
    public IReadOnlyList<string> Conditions { get; init; } = [];

    [JsonPropertyName("dcmSchedule")]
    public IReadOnlyList<string> Schedules { get; init; } = [];

    /// <summary>ISO-8601 delay after the last matching object (<c>PT1M</c>); none: at once.</summary>
    [JsonPropertyName("dcmDuration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Duration { get; init; }

    /// <summary>When an instance replaces one that sat in another study (Study rule) or series (Series rule), export that one too.</summary>
    [JsonPropertyName("dcmExportPreviousEntity")]
    public bool ExportPreviousEntity { get; init; }

    /// <summary>NEVER, ALWAYS or REPLACE (default): which arrivals of an already stored instance trigger.</summary>
    [JsonPropertyName("dcmExportReoccurredInstances")]
    public string ExportReoccurredInstances { get; init; } = "REPLACE";
}
