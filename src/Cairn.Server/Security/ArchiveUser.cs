using System.Text.Json.Serialization;

namespace Cairn.Server.Security;

/// <summary>A user of the built-in list: a name, a password hash (never the password), and roles.</summary>
public sealed record ArchiveUser
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("passwordHash")]
    public string PasswordHash { get; init; } = "";

    [JsonPropertyName("roles")]
    public IReadOnlyList<string> Roles { get; init; } = [];
}
