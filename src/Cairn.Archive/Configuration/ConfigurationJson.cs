using System.Text.Json;

namespace Cairn.Archive.Configuration;

/// <summary>Reads and writes the configuration document; a bad document is a <see cref="ConfigurationException"/>.</summary>
public static class ConfigurationJson
{
    public static ArchiveDevice ParseDevice(string json, string source) =>
        Parse<ArchiveDevice>(json, source) ?? throw new ConfigurationException($"{source}: the configuration is null");

    public static RemoteAE ParseRemoteAE(string json, string source) =>
        Parse<RemoteAE>(json, source) ?? throw new ConfigurationException($"{source}: the AE is null");

    public static string Write(ArchiveDevice device) => JsonSerializer.Serialize(device, ArchiveJson.TypeInfo<ArchiveDevice>());

    public static string Write(RemoteAE ae) => JsonSerializer.Serialize(ae, ArchiveJson.TypeInfo<RemoteAE>());

    public static string Write(IReadOnlyList<RemoteAE> aes) => JsonSerializer.Serialize(aes.ToList(), ArchiveJson.TypeInfo<List<RemoteAE>>());

    // Every document passes here: its shape first (nulls, required attributes; see ConfigurationShape), then the
    // deserializer, so that nothing read can hold a null where the code does not expect one.
    private static T? Parse<T>(string json, string source)
        where T : class
    {
        var info = ArchiveJson.TypeInfo<T>();
        try
        {
            // Parsed once: the shape is judged on the document the objects are then read from.
            using var document = JsonDocument.Parse(json, DocumentOptions);
            if (ConfigurationShape.Problems(document.RootElement, info) is { Count: > 0 } problems)
            {
                throw new ConfigurationException($"{source}: {string.Join("; ", problems)}");
            }

            return document.RootElement.Deserialize(info);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{source}: {Describe(e)}", e);
        }
    }

    private static JsonDocumentOptions DocumentOptions => new()
    {
        CommentHandling = ArchiveJson.Options.ReadCommentHandling,
        AllowTrailingCommas = ArchiveJson.Options.AllowTrailingCommas,
        MaxDepth = ArchiveJson.Options.MaxDepth,
    };

    // System.Text.Json's messages name the .NET type; the path ($.dicomNetworkAE[0].dicomPort) is what a user can find.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        message = message.Replace("Cairn.Archive.Configuration.", "", StringComparison.Ordinal);
        return e.Path is { Length: > 0 } path ? $"{path}: {message}" : message;
    }
}
