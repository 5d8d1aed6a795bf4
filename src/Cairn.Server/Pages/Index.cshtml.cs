using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages;

/// <summary>The start page is the study browser, as the reference archive opens on its navigation.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/studies");
}
