using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>One device in <c>GET /dcm4chee-arc/devices</c>.</summary>
public sealed record DeviceListItem(
    [property: JsonPropertyName("dicomDeviceName")] string DeviceName,
    [property: JsonPropertyName("dicomDescription")] string? Description);
