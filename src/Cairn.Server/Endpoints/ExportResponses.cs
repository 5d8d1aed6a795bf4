using Cairn.Archive.Export;
using Cairn.Archive.Requests;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// What the export endpoints share: the order read from the request (only-ian, batchID, scheduledTime), refusals as
/// their status codes, and a synchronous <c>dicom:&lt;AET&gt;</c> send as 200 (no failures), 206 (some failed) or
/// 502 (all failed, or the association failed) with <c>{"completed","warning","failed","error"}</c>, zero counts left out.
/// </summary>
internal static class ExportResponses
{
    /// <summary>The order of an export request; a bad parameter is a <see cref="RequestRefusedException"/>.</summary>
    public static ExportOrder Order(string aet, string exporterId, HttpContext http)
    {
        DateTimeOffset? scheduled;
        try
        {
            scheduled = TaskQueryParameters.ScheduledTime(http.Request.Query);
        }
        catch (ArgumentException e)
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, e.Message);
        }

        var onlyIan = http.Request.Query["only-ian"].ToString();
        if (onlyIan.Length > 0 && onlyIan is not ("true" or "false"))
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, $"only-ian: '{onlyIan}' is neither true nor false");
        }

        return new ExportOrder
        {
            AETitle = aet,
            ExporterId = exporterId,
            OnlyIan = onlyIan == "true",
            ScheduledTime = scheduled,
            BatchId = http.Request.Query["batchID"].ToString() is { Length: > 0 } batch ? batch : null,
            RequesterUserId = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null,
            RequesterHost = http.Connection.RemoteIpAddress?.ToString(),
            RequestUri = http.Request.Path + http.Request.QueryString,
        };
    }

    public static IResult Refused(RequestRefusedException refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound => ConfigurationEndpoints.NotFound(refusal.Message),
        RefusalKind.TooManyMatches => Results.Json(new ErrorBody(refusal.Message), ServerJsonContext.Relaxed.ErrorBody, statusCode: StatusCodes.Status413PayloadTooLarge),
        _ => ConfigurationEndpoints.BadRequest(refusal.Message),
    };

    public static IResult Sent(ExportSendResult sent)
    {
        var status = sent.Error is not null ? StatusCodes.Status502BadGateway
            : sent.Failed == 0 ? StatusCodes.Status200OK
            : sent.Completed + sent.Warning > 0 ? StatusCodes.Status206PartialContent
            : StatusCodes.Status502BadGateway;
        return JsonBody.Write(
            json =>
            {
                json.WriteStartObject();
                foreach (var (name, count) in new[] { ("completed", sent.Completed), ("warning", sent.Warning), ("failed", sent.Failed) })
                {
                    if (count > 0)
                    {
                        json.WriteNumber(name, count);
                    }
                }

                if ((sent.Error ?? (sent.Failed > 0 ? sent.LastProblem : null)) is { } error)
                {
                    json.WriteString("error", error);
                }

                json.WriteEndObject();
            },
            status);
    }
}
