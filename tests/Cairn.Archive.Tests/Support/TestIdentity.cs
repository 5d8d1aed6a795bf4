using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Server.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// A security file for a test archive: three built-in users (viewer1, operator1, admin1, each with the password
/// "secret-NAME") and an OpenID Connect issuer whose signing key the test made, so that it can issue tokens.
/// </summary>
public sealed class TestIdentity : IDisposable
{
    public const string Issuer = "https://idp.test/realms/cairn";
    public const string Audience = "cairn-archive";

    private readonly RSA _key = RSA.Create(2048);
    private readonly TemporaryDirectory _folder = new();

    public TestIdentity()
    {
        var parameters = _key.ExportParameters(false);
        File.WriteAllText(_folder.File("jwks.json"), JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        }));
        var users = new[] { ("viewer1", ArchiveRoles.Viewer), ("operator1", ArchiveRoles.Operator), ("admin1", ArchiveRoles.Admin) };
        File.WriteAllText(SecurityFile, JsonSerializer.Serialize(new
        {
            users = users.Select(u => new { name = u.Item1, passwordHash = PasswordHash.Create("secret-" + u.Item1, 10_000), roles = new[] { u.Item2 } }),
            oidc = new { issuer = Issuer, audience = Audience, jwksFile = _folder.File("jwks.json") },
        }));
    }

    public string SecurityFile => _folder.File("security.json");

    /// <summary>A token signed with the issuer's key; roles as Keycloak puts them (realm_access.roles).</summary>
    public string Token(string user, string[] roles, TimeSpan? lifetime = null, string audience = Audience, RSA? signer = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("preferred_username", user), new Claim("sub", Guid.NewGuid().ToString())]),
            Claims = new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles } },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signer ?? _key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _key.Dispose();
        _folder.Dispose();
    }
}
