using System.Text;
using Cairn.Archive.Audit;

namespace Cairn.Server.Security;

/// <summary>
/// Records every request that changes something — exports, IANs, task operations one by one or in bulk,
/// configuration changes, logins — with who asked (user, or "anonymous"; the client's address), what (the kind, the
/// method and address, the form's fields but never a password or token), when, and the outcome. Refused requests
/// (401, 403) are recorded too: a security review wants to see them. Reads are not recorded.
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, AuditStore audit, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    private const int MaxDetail = 2000;
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "__RequestVerificationToken", "password", "version" };

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        // An error page shown for a request is part of that request, recorded once.
        var reExecuted = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (reExecuted || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var when = time.GetUtcNow();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(http).ConfigureAwait(false);
            status = http.Response.StatusCode;
        }
        finally
        {
            await RecordAsync(http, when, status).ConfigureAwait(false);
        }
    }

    /// <summary>The kind of action a request is, by its address (and, for an export, whether it asks only for the IAN).</summary>
    public static string ActionOf(HttpRequest request, string detail)
    {
        var path = request.Path;
        var text = path.Value ?? "";
        return path.StartsWithSegments("/login") ? "login"
            : path.StartsWithSegments("/logout") ? "logout"
            : path.StartsWithSegments("/configuration") || path.StartsWithSegments("/dcm4chee-arc/devices") || path.StartsWithSegments("/dcm4chee-arc/aes") ? "configuration"
            : text.Contains("/ian", StringComparison.Ordinal) || request.Query["only-ian"] == "true" || detail.Contains("onlyIan=true", StringComparison.Ordinal) ? "ian"
            : text.Contains("/export", StringComparison.Ordinal) && !path.StartsWithSegments("/dcm4chee-arc/monitor") && !path.StartsWithSegments("/monitoring") ? "export"
            : path.StartsWithSegments("/dcm4chee-arc/queue") || path.StartsWithSegments("/dcm4chee-arc/monitor") || path.StartsWithSegments("/monitoring") ? "task"
            : "other";
    }

    private async Task RecordAsync(HttpContext http, DateTimeOffset when, int status)
    {
        var request = http.Request;
        try
        {
            var detail = await DetailAsync(request).ConfigureAwait(false);
            var action = ActionOf(request, detail);
            // A login is nobody's yet: it is recorded under the name it tried.
            var user = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name ?? "?"
                : action == "login" && request.HasFormContentType && request.Form["name"].ToString() is { Length: > 0 } name ? name
                : "anonymous";
            await audit.RecordAsync(
                new AuditRecord(
                    0,
                    when,
                    user,
                    http.Connection.RemoteIpAddress?.ToString() ?? "",
                    action,
                    request.Method,
                    request.Path + request.QueryString,
                    detail,
                    status,
                    status < 400 ? "success" : "failure"),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            // The request is done either way; a lost audit record must at least be visible in the log.
            LogNotRecorded(request.Method, request.Path, e.Message);
        }
    }

    // A form's fields as name=value (the login's name included, never its password); other bodies by their size.
    private static async Task<string> DetailAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return request.ContentLength is > 0 and var length ? $"{length} bytes of {request.ContentType}" : "";
        }

        var form = await request.ReadFormAsync().ConfigureAwait(false);
        var detail = new StringBuilder();
        foreach (var (name, values) in form)
        {
            if (Hidden.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    detail.Append(detail.Length == 0 ? "" : " ").Append(name).Append('=').Append(value.Length > 200 ? value[..200] + "…" : value);
                }
            }
        }

        return detail.Length > MaxDetail ? detail.ToString(0, MaxDetail) + "…" : detail.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record of {Method} {Path} not written: {Reason}")]
    private partial void LogNotRecorded(string method, string path, string reason);
}
