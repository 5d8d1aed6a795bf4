using System.Text.Json;
using System.Text.Json.Serialization;
using Cairn.Archive.Configuration;

namespace Cairn.Server.Security;

/// <summary>
/// Who may use the REST API and the UI (the file given by <c>--security</c>): a built-in user list with password
/// hashes, and/or an OpenID Connect provider whose bearer tokens are accepted. Without the file the archive is open,
/// as the embedded default should be. Kept out of the device configuration, which REST serves to any reader.
/// </summary>
public sealed record SecuritySettings
{
    [JsonPropertyName("users")]
    public IReadOnlyList<ArchiveUser> Users { get; init; } = [];

    [JsonPropertyName("oidc")]
    public OidcSettings? Oidc { get; init; }

    /// <summary>How long a UI login lasts without use.</summary>
    [JsonPropertyName("sessionMinutes")]
    public int SessionMinutes { get; init; } = 480;

    private static readonly JsonSerializerOptions ReadOptions = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>No security file: everything open.</summary>
    public static SecuritySettings Open { get; } = new();

    public bool Enabled => Users.Count > 0 || Oidc is not null;

    /// <summary>Reads and checks <paramref name="path"/>; a <see cref="ConfigurationException"/> names what is wrong (never a password hash).</summary>
    public static SecuritySettings Load(string path)
    {
        SecuritySettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<SecuritySettings>(File.ReadAllText(path), ReadOptions);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"security file {path}: {e.Message}", e);
        }

        if (settings is null)
        {
            throw new ConfigurationException($"security file {path}: is empty");
        }

        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException($"security file {path}: {string.Join("; ", problems)}");
        }

        if (!settings.Enabled)
        {
            throw new ConfigurationException($"security file {path}: names neither users nor an oidc provider, so it would close nothing");
        }

        return settings;
    }

    private IEnumerable<string> Problems()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Any(char.IsControl))
            {
                yield return $"users[{i}].name: must be a name";
            }
            else if (!names.Add(user.Name))
            {
                yield return $"users[{i}].name: is given twice";
            }

            if (PasswordHash.Check(user.PasswordHash) is { } hashProblem)
            {
                yield return $"users[{i}].passwordHash: {hashProblem}";
            }

            if (user.Roles.Count == 0)
            {
                yield return $"users[{i}].roles: a user needs a role ({string.Join(", ", ArchiveRoles.All)})";
            }

            for (var j = 0; j < user.Roles.Count; j++)
            {
                if (!ArchiveRoles.All.Contains(user.Roles[j]))
                {
                    yield return $"users[{i}].roles[{j}]: '{user.Roles[j]}' is not one of {string.Join(", ", ArchiveRoles.All)}";
                }
            }
        }

        if (Oidc is { } oidc)
        {
            if (oidc.Issuer.Length == 0)
            {
                yield return "oidc.issuer: must be given";
            }

            if (oidc.Audience.Length == 0)
            {
                yield return "oidc.audience: must be given";
            }

            if ((oidc.Authority is null) == (oidc.JwksFile is null))
            {
                yield return "oidc: give either authority (discovery) or jwksFile (the signing keys), not both or neither";
            }

            if (oidc.UiClientId is not null && oidc.Authority is null)
            {
                yield return "oidc.uiClientId: signing in to the UI through the provider needs its authority (discovery)";
            }

            if (oidc.JwksFile is { } jwks && !File.Exists(jwks))
            {
                yield return $"oidc.jwksFile: '{jwks}' does not exist";
            }
        }

        if (SessionMinutes is < 1 or > 10080)
        {
            yield return $"sessionMinutes: {SessionMinutes} is not between 1 and 10080";
        }
    }
}
