using System.Text.Json.Serialization;

namespace Cairn.Server.Security;

/// <summary>
/// Bearer tokens from an OpenID Connect provider (Keycloak, …): the issuer they must name, the audience they must be
/// for, and where the signing keys come from — the provider's discovery document (<see cref="Authority"/>) or a JSON
/// Web Key Set file (<see cref="JwksFile"/>) for a provider the archive cannot reach.
/// </summary>
public sealed record OidcSettings
{
    [JsonPropertyName("issuer")]
    public string Issuer { get; init; } = "";

    [JsonPropertyName("audience")]
    public string Audience { get; init; } = "";

    /// <summary>The provider's address; its keys are read from <c>{authority}/.well-known/openid-configuration</c>.</summary>
    [JsonPropertyName("authority")]
    public string? Authority { get; init; }

    [JsonPropertyName("jwksFile")]
    public string? JwksFile { get; init; }

    /// <summary>
    /// The UI's client at the provider. With it (and <see cref="Authority"/>) the login page offers to sign in there:
    /// an authorization code flow with PKCE, whose ID token's roles are read as a bearer token's are.
    /// </summary>
    [JsonPropertyName("uiClientId")]
    public string? UiClientId { get; init; }

    /// <summary>The UI client's secret, for providers that treat it as a confidential client; none for a public one.</summary>
    [JsonPropertyName("uiClientSecret")]
    public string? UiClientSecret { get; init; }

    /// <summary>Allowed clock difference between the provider and the archive.</summary>
    [JsonPropertyName("clockSkewSeconds")]
    public int ClockSkewSeconds { get; init; } = 60;
}
