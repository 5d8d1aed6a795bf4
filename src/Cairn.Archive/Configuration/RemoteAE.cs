using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>A remote application entity the archive sends to: export destinations, IAN receivers, C-MOVE destinations.</summary>
public sealed record RemoteAE
{
    [JsonPropertyName("dicomAETitle")]
    public string AETitle { get; init; } = "";

    [JsonPropertyName("dicomHostname")]
    public string Hostname { get; init; } = "localhost";

    [JsonPropertyName("dicomPort")]
    public int Port { get; init; }

    /// <summary>dcm4che's way of saying TLS: any cipher suite listed makes the connection DICOM TLS.</summary>
    [JsonPropertyName("dicomTLSCipherSuite")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? TlsCipherSuites { get; init; }

    [JsonPropertyName("dicomDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonIgnore]
    public bool IsTls => TlsCipherSuites is { Count: > 0 };
}
