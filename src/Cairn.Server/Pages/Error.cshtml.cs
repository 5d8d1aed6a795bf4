using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages;

/// <summary>
/// What a page shows instead of a stack trace: the status in words. The exception itself goes to the log (the
/// exception handler logs it), never to the browser.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        var status = failed ? StatusCodes.Status500InternalServerError : code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is no such page."),
            StatusCodes.Status403Forbidden => ("Not allowed", HttpContext.Items[Security.AccessControlMiddleware.RefusalItem] as string ?? "You may not do this."),
            StatusCodes.Status400BadRequest => ("Bad request", "The archive could not understand the request; the form may have expired. Reload the page and try again."),
            StatusCodes.Status405MethodNotAllowed => ("Not allowed", "This page cannot be used that way."),
            _ when failed => ("Error", "The archive failed to answer this page. The error is in the archive's log."),
            _ => ("Error", $"The archive answered with status {status}."),
        };
    }
}
