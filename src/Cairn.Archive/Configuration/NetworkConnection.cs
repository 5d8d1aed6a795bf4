using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>A network connection of the device (dcm4che <c>dicomNetworkConnection</c>): <c>dicom</c> or <c>http</c>.</summary>
public sealed record NetworkConnection
{
    /// <summary>The connection's name, by which the archive finds it: <c>dicom</c> or <c>http</c>.</summary>
    [JsonPropertyName("cn")]
    public string Name { get; init; } = "dicom";

    /// <summary>The address to listen on; 0.0.0.0 for every interface.</summary>
    [JsonPropertyName("dicomHostname")]
    public string Hostname { get; init; } = "0.0.0.0";

    [JsonPropertyName("dicomPort")]
    public int Port { get; init; }

    /// <summary>dcm4che's way of saying TLS: any cipher suite listed makes the connection DICOM TLS.</summary>
    [JsonPropertyName("dicomTLSCipherSuite")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? TlsCipherSuites { get; init; }

    [JsonIgnore]
    public bool IsTls => TlsCipherSuites is { Count: > 0 };
}
