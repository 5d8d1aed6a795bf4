using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>Source-generated JSON for what the REST endpoints answer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(List<AEListItem>))]
[JsonSerializable(typeof(AEListItem))]
[JsonSerializable(typeof(List<DeviceListItem>))]
public sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the endpoints write with: like <see cref="JsonSerializerContext"/>'s default, but without escaping
    /// quotes and non-ASCII letters as \uXXXX, so that an error message reads as written (the body is UTF-8 JSON,
    /// never embedded in HTML).
    /// </summary>
    public static ServerJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
