using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>What <c>/health</c> answers.</summary>
public sealed record HealthBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("dicomDeviceName")] string DeviceName,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("dicomPort")] int DicomPort,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage = null);
