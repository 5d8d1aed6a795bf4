using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Security;

/// <summary>
/// HTTP Basic authentication against the built-in user list, for scripts and curl on sites without an identity
/// provider (use it over HTTPS). A failure says only that the credentials were not accepted.
/// </summary>
public sealed class BasicAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("the Basic credentials are not base64");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return AuthenticateResult.Fail("the Basic credentials are not name:password");
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        var identity = await users.SignInAsync(text[..colon], text[(colon + 1)..], address, SchemeName, Context.RequestAborted).ConfigureAwait(false);
        return identity is null
            ? AuthenticateResult.Fail("the credentials were not accepted")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
