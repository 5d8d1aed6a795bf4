using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Cairn.Server.Security;

/// <summary>
/// The authentication schemes of a closed archive: a bearer token (JWT from the configured OpenID Connect provider),
/// HTTP Basic against the built-in users, or the UI's login cookie — chosen per request by what it carries.
/// </summary>
public static class SecurityServices
{
    public const string SelectorScheme = "Cairn";

    /// <summary>The UI's sign-in at the OpenID Connect provider (code flow).</summary>
    public const string ProviderScheme = "oidc";

    public static IServiceCollection AddArchiveSecurity(this IServiceCollection services, SecuritySettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<UserDirectory>();
        if (!settings.Enabled)
        {
            return services;
        }

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Bearer, Basic or the login cookie", policy => policy.ForwardDefaultSelector = http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && settings.Oidc is not null ? JwtBearerDefaults.AuthenticationScheme
                    : header.Length > 0 ? BasicAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "cairn.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
            });
        if (settings.Oidc is { } oidc)
        {
            authentication.AddJwtBearer(jwt => Configure(jwt, oidc));
            if (oidc.UiClientId is { } clientId && oidc.Authority is { } authority)
            {
                authentication.AddOpenIdConnect(ProviderScheme, "the identity provider", ui =>
                {
                    ui.Authority = authority;
                    ui.RequireHttpsMetadata = authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
                    ui.ClientId = clientId;
                    ui.ClientSecret = oidc.UiClientSecret;
                    ui.ResponseType = "code";
                    ui.UsePkce = true;
                    ui.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    ui.CallbackPath = "/login/callback";
                    ui.MapInboundClaims = false;
                    ui.GetClaimsFromUserInfoEndpoint = false;
                    ui.SaveTokens = false;
                    ui.TokenValidationParameters.NameClaimType = "preferred_username";
                    ui.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
                    ui.TokenValidationParameters.ValidIssuer = oidc.Issuer;
                    ui.Events.OnTokenValidated = context =>
                    {
                        AddRoles(context.Principal, clientId);
                        return Task.CompletedTask;
                    };
                });
            }
        }

        return services;
    }

    private static void Configure(JwtBearerOptions jwt, OidcSettings oidc)
    {
        // Why a token failed stays in the log at debug level; the caller learns only that it was not accepted.
        jwt.IncludeErrorDetails = false;
        jwt.MapInboundClaims = false;
        jwt.Audience = oidc.Audience;
        if (oidc.Authority is { } authority)
        {
            jwt.Authority = authority;
            jwt.RequireHttpsMetadata = authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(oidc.ClockSkewSeconds),
            NameClaimType = "preferred_username",
            RoleClaimType = ClaimTypes.Role,
            IssuerSigningKeys = oidc.JwksFile is { } file ? new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys() : null,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                AddRoles(context.Principal, oidc.Audience);
                return Task.CompletedTask;
            },
        };
    }

    // Keycloak puts roles under realm_access.roles and resource_access.{client}.roles; other providers use "roles".
    private static void AddRoles(ClaimsPrincipal? principal, string audience)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var roles = new HashSet<string>(identity.FindAll("roles").Select(c => c.Value), StringComparer.Ordinal);
        foreach (var claim in identity.FindAll("realm_access").Concat(identity.FindAll("resource_access")))
        {
            try
            {
                using var json = JsonDocument.Parse(claim.Value);
                var holder = claim.Type == "realm_access" ? json.RootElement
                    : json.RootElement.TryGetProperty(audience, out var client) ? client : default;
                if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    roles.UnionWith(list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
                }
            }
            catch (JsonException)
            {
                // A claim that is not the object Keycloak sends carries no roles.
            }
        }

        if (identity.Name is null && identity.FindFirst("sub") is { } subject)
        {
            identity.AddClaim(new Claim("preferred_username", subject.Value));
        }

        foreach (var role in roles.Where(ArchiveRoles.All.Contains))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
    }
}
