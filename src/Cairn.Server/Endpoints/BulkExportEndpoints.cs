using Cairn.Archive.Export;
using Cairn.Archive.Query;
using Cairn.Archive.Requests;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Export of matches: the studies, series or instances that QIDO matching keys select, one EXPORT task each on the
/// exporter's queue (with batchID and scheduledTime), or with <c>only-ian=true</c> one IAN per matched study;
/// 202 <c>{"count":n}</c>, 413 beyond the AE's query maximum, 404 for an unknown AE or exporter. With
/// <c>dicom:&lt;AET&gt;</c> every match is sent at once (see <see cref="ExportResponses"/>). The CSV variant takes the
/// studies' UIDs from a column of the request's body (<c>studies/csv:{field}/export/{exporterId}</c>).
/// </summary>
public static class BulkExportEndpoints
{
    public static IEndpointRouteBuilder MapBulkExportEndpoints(this IEndpointRouteBuilder app)
    {
        var rs = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        rs.MapPost("/studies/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Study, null, null, exporterId));
        rs.MapPost("/studies/csv:{field:int}/export/{exporterId}", (string aet, int field, string exporterId, HttpContext http) => ExportCsvAsync(http, aet, field, exporterId));
        rs.MapPost("/series/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Series, null, null, exporterId));
        rs.MapPost("/studies/{study}/series/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Series, study, null, exporterId));
        rs.MapPost("/instances/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, null, null, exporterId));
        rs.MapPost("/studies/{study}/instances/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, study, null, exporterId));
        rs.MapPost("/studies/{study}/series/{series}/instances/export/{exporterId}", (string aet, string study, string series, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, study, series, exporterId));
        return app;
    }

    // The studies whose UIDs a CSV body lists (column field), as a UID-list match: each known study once, one task each.
    private static async Task<IResult> ExportCsvAsync(HttpContext http, string aet, int field, string exporterId)
    {
        string text;
        using (var reader = new StreamReader(http.Request.Body))
        {
            text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        try
        {
            var order = ExportResponses.Order(aet, exporterId, http);
            IReadOnlyList<string> uids;
            try
            {
                uids = StudyUidCsv.Parse(text, field);
            }
            catch (FormatException e)
            {
                return ConfigurationEndpoints.BadRequest(e.Message);
            }

            var outcome = await http.RequestServices.GetRequiredService<ExportRequests>().ExportMatchesAsync(
                order, QueryLevel.Study, null, null, [KeyValuePair.Create("StudyInstanceUID", uids.ToArray<string?>())], http.RequestAborted).ConfigureAwait(false);
            return outcome.Sent is { } sent ? ExportResponses.Sent(sent) : JsonBody.Count(outcome.Tasks.Count, StatusCodes.Status202Accepted);
        }
        catch (RequestRefusedException e)
        {
            return ExportResponses.Refused(e);
        }
    }

    private static async Task<IResult> ExportAsync(HttpContext http, string aet, QueryLevel level, string? study, string? series, string exporterId)
    {
        try
        {
            var order = ExportResponses.Order(aet, exporterId, http);
            var outcome = await http.RequestServices.GetRequiredService<ExportRequests>().ExportMatchesAsync(
                order, level, study, series, http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray())), http.RequestAborted).ConfigureAwait(false);
            return outcome.Sent is { } sent ? ExportResponses.Sent(sent) : JsonBody.Count(outcome.Tasks.Count, StatusCodes.Status202Accepted);
        }
        catch (RequestRefusedException e)
        {
            return ExportResponses.Refused(e);
        }
    }
}
