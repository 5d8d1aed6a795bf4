using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>One of the archive's own application entities (dcm4che <c>dicomNetworkAE</c> with its archive attributes).</summary>
public sealed record NetworkAE
{
    [JsonPropertyName("dicomAETitle")]
    public string AETitle { get; init; } = "";

    [JsonPropertyName("dicomDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("dicomAssociationAcceptor")]
    public bool AssociationAcceptor { get; init; } = true;

    [JsonPropertyName("dicomAssociationInitiator")]
    public bool AssociationInitiator { get; init; } = true;

    /// <summary>Calling AE titles accepted; empty accepts any.</summary>
    [JsonPropertyName("dcmAcceptedCallingAETitle")]
    public IReadOnlyList<string> AcceptedCallingAETitles { get; init; } = [];

    /// <summary>What a C-STORE of an instance already stored does; the device's setting when absent.</summary>
    [JsonPropertyName("dcmOverwritePolicy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OverwritePolicy? OverwritePolicy { get; init; }

    /// <summary>The most matches a query answers (C-FIND, QIDO-RS) before it refuses; the device's when absent.</summary>
    [JsonPropertyName("dcmQueryMaxNumberOfResults")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QueryMaxNumberOfResults { get; init; }
}
