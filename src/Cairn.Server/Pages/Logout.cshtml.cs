using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages;

/// <summary>Ends the UI session (a POST, so that a link elsewhere cannot sign anyone out).</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/studies");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
