using System.Text.Json;

namespace Cairn.Archive.Configuration;

/// <summary>Reads and writes the configuration document; a bad document is a <see cref="ConfigurationException"/>.</summary>
public static class ConfigurationJson
{
    public static ArchiveDevice ParseDevice(string json, string source)
    {
        ArchiveDevice? device;
        try
        {
            device = JsonSerializer.Deserialize(json, ArchiveJson.TypeInfo<ArchiveDevice>());
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{source}: {Describe(e)}", e);
        }

        return device ?? throw new ConfigurationException($"{source}: the configuration is null");
    }

    public static RemoteAE ParseRemoteAE(string json, string source)
    {
        RemoteAE? ae;
        try
        {
            ae = JsonSerializer.Deserialize(json, ArchiveJson.TypeInfo<RemoteAE>());
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{source}: {Describe(e)}", e);
        }

        return ae ?? throw new ConfigurationException($"{source}: the AE is null");
    }

    public static string Write(ArchiveDevice device) => JsonSerializer.Serialize(device, ArchiveJson.TypeInfo<ArchiveDevice>());

    public static string Write(RemoteAE ae) => JsonSerializer.Serialize(ae, ArchiveJson.TypeInfo<RemoteAE>());

    public static string Write(IReadOnlyList<RemoteAE> aes) => JsonSerializer.Serialize(aes.ToList(), ArchiveJson.TypeInfo<List<RemoteAE>>());

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
