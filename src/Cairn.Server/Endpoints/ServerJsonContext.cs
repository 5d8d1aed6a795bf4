using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>Source-generated JSON for what the REST endpoints answer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(List<AEListItem>))]
[JsonSerializable(typeof(AEListItem))]
[JsonSerializable(typeof(List<DeviceListItem>))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
