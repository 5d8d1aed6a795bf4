using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>One AE in <c>GET /dcm4chee-arc/aes</c>: the archive's own (with its device name) and the remote ones.</summary>
public sealed record AEListItem(
    [property: JsonPropertyName("dicomAETitle")] string AETitle,
    [property: JsonPropertyName("dicomDescription")] string? Description,
    [property: JsonPropertyName("dicomDeviceName")] string? DeviceName,
    [property: JsonPropertyName("dicomHostname")] string? Hostname,
    [property: JsonPropertyName("dicomPort")] int Port,
    [property: JsonPropertyName("dicomTLSCipherSuite")] IReadOnlyList<string>? TlsCipherSuites);
