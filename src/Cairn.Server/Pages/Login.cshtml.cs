using System.Security.Claims;
using Cairn.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages;

/// <summary>
/// The UI's login with the built-in user list: a session cookie on success; on failure one message that does not say
/// whether the name exists, answered only after the throttle's delay.
/// </summary>
public sealed class LoginModel(SecuritySettings settings, UserDirectory users) : PageModel
{
    public string ReturnUrl { get; private set; } = "/studies";

    public string Name { get; private set; } = "";

    public bool Failed { get; private set; }

    public bool HasUsers => settings.Users.Count > 0;

    public bool HasProvider => settings.Oidc?.UiClientId is not null;

    public IActionResult OnGet(string? returnUrl)
    {
        if (!settings.Enabled)
        {
            return Redirect("/studies");
        }

        ReturnUrl = Local(returnUrl);
        return Page();
    }

    /// <summary>Sends the browser to the identity provider, which sends it back signed in (or not) to <paramref name="returnUrl"/>.</summary>
    public IActionResult OnGetProvider(string? returnUrl) =>
        HasProvider
            ? Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) }, SecurityServices.ProviderScheme)
            : Redirect("/login");

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = Local(returnUrl);
        Name = name ?? "";
        if (!settings.Enabled)
        {
            return Redirect(ReturnUrl);
        }

        var identity = await users.SignInAsync(Name, password ?? "", HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", CookieAuthenticationDefaults.AuthenticationScheme, cancellationToken);
        if (identity is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Redirect(ReturnUrl);
    }

    // Only this archive's own pages: a login must not send the browser elsewhere.
    private string Local(string? url) => url is { Length: > 0 } && Url.IsLocalUrl(url) && !url.StartsWith("/login", StringComparison.Ordinal) ? url : "/studies";
}
