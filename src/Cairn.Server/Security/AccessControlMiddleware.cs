using System.Security.Claims;
using Cairn.Server.Endpoints;

namespace Cairn.Server.Security;

/// <summary>
/// Enforces <see cref="AccessRules"/> once authentication has run: an anonymous call to the API gets 401 (the UI
/// sends the browser to its login page), a call without the role gets 403 with a message naming the role needed.
/// Neither says why credentials failed.
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, SecuritySettings settings)
{
    /// <summary>The key under which a refusal's message waits for the error page.</summary>
    public const string RefusalItem = "cairn.refusal";

    public async Task InvokeAsync(HttpContext http)
    {
        var needed = AccessRules.RequiredRole(http.Request.Method, http.Request.Path);
        if (needed is null)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            if (AccessRules.IsApi(http.Request.Path))
            {
                var schemes = new List<string>();
                if (settings.Oidc is not null)
                {
                    schemes.Add("Bearer");
                }

                if (settings.Users.Count > 0)
                {
                    schemes.Add("Basic realm=\"Cairn\"");
                }

                http.Response.Headers.WWWAuthenticate = schemes.ToArray();
                await ConfigurationEndpoints.Error(StatusCodes.Status401Unauthorized, "Authentication required").ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            var back = http.Request.Path + http.Request.QueryString;
            http.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(HttpMethods.IsGet(http.Request.Method) ? back : "/"));
            return;
        }

        if (!user.FindAll(ClaimTypes.Role).Any(role => ArchiveRoles.Grants(role.Value, needed)))
        {
            var message = $"{user.Identity.Name} may not {Describe(http.Request, needed)}: it needs the role {needed}";
            if (AccessRules.IsApi(http.Request.Path))
            {
                await ConfigurationEndpoints.Error(StatusCodes.Status403Forbidden, message).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            http.Items[RefusalItem] = message;
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(http).ConfigureAwait(false);
    }

    // Derived from the role AccessRules asked for, so that the table of paths stays in one place.
    private static string Describe(HttpRequest request, string needed) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "read this"
        : needed == ArchiveRoles.Admin ? "change the configuration"
        : "do this";
}
