using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>
/// The archive's configuration, one JSON document in dcm4che's attribute names: the device, its network connections,
/// its own application entities, the registry of remote AEs that exports, IAN and C-MOVE resolve names against, and
/// the archive-wide settings. Persisted in the index database, seeded from a JSON file on first start.
/// </summary>
public sealed record ArchiveDevice
{
    [JsonPropertyName("dicomDeviceName")]
    public string DeviceName { get; init; } = "dcm4chee-arc";

    [JsonPropertyName("dicomDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("dicomNetworkConnection")]
    public IReadOnlyList<NetworkConnection> Connections { get; init; } = [];

    [JsonPropertyName("dicomNetworkAE")]
    public IReadOnlyList<NetworkAE> ApplicationEntities { get; init; } = [];

    /// <summary>Remote AEs by title (dcm4che keeps them as devices of their own; here they are one list).</summary>
    [JsonPropertyName("dcmRemoteAE")]
    public IReadOnlyList<RemoteAE> RemoteApplicationEntities { get; init; } = [];

    [JsonPropertyName("dcmArchiveDevice")]
    public ArchiveDeviceSettings Archive { get; init; } = new();

    /// <summary>The connection named <paramref name="name"/> (<c>cn</c>), if any.</summary>
    public NetworkConnection? FindConnection(string name) =>
        Connections.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>One of the archive's own AEs, by title.</summary>
    public NetworkAE? FindLocalAE(string aeTitle) =>
        ApplicationEntities.FirstOrDefault(a => string.Equals(a.AETitle, aeTitle, StringComparison.Ordinal));

    /// <summary>A remote AE by title.</summary>
    public RemoteAE? FindRemoteAE(string aeTitle) =>
        RemoteApplicationEntities.FirstOrDefault(a => string.Equals(a.AETitle, aeTitle, StringComparison.Ordinal));
}
