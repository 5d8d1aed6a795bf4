using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// A stand-in for Keycloak on loopback, enough for an authorization code flow: a discovery document, its keys, an
/// authorization endpoint that signs in one preset user without asking, and a token endpoint that answers the code
/// with an ID token (realm roles as Keycloak puts them). It checks the PKCE verifier against the challenge.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, string ClientId)> _codes = new(StringComparer.Ordinal);

    private FakeIdentityProvider(WebApplication app)
    {
        _app = app;
    }

    public string Issuer { get; private set; } = "";

    /// <summary>Who the provider signs in, and with which realm roles.</summary>
    public (string User, string[] Roles) Account { get; set; } = ("someone", []);

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var provider = new FakeIdentityProvider(builder.Build());
        provider.Map();
        await provider._app.StartAsync();
        provider.Issuer = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var parameters = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "idp", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (request.Query["nonce"].ToString(), request.Query["code_challenge"].ToString(), request.Query["client_id"].ToString());
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!_codes.TryRemove(form["code"].ToString(), out var issued)
                || Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var now = DateTime.UtcNow;
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = issued.ClientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Subject = new ClaimsIdentity([new Claim("sub", Account.User), new Claim("preferred_username", Account.User), new Claim("nonce", issued.Nonce)]),
                Claims = new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = Account.Roles } },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "idp" }, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = token });
        });
    }

    /// <summary>A security file that accepts this provider's tokens and lets the UI sign in through it.</summary>
    public string WriteSecurityFile(string path)
    {
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { oidc = new { issuer = Issuer, audience = "cairn-archive", authority = Issuer, uiClientId = "cairn-ui" } }));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
