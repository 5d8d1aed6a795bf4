using Cairn.Archive.Configuration;
using Cairn.Archive.Operations;
using Cairn.Archive.Query;
using Cairn.Dicom;
using Cairn.Dicom.Json;

namespace Cairn.Server.Endpoints;

/// <summary>
/// QIDO-RS (PS3.18 10.6) under <c>/dcm4chee-arc/aets/{AET}/rs</c>: studies, series and instances, all or under a
/// study (and series), answered as application/dicom+json, streamed as the index is read. No match is 204 No Content
/// (PS3.18 8.3.4.4.1 as published; CP-2473 would make it 200 with an empty array). Errors are
/// <c>{"errorMessage": …}</c>: 404 for an unknown AE, 400 naming a bad parameter, 413 beyond the query maximum.
/// </summary>
public static class QidoEndpoints
{
    private const string MediaType = "application/dicom+json";

    public static IEndpointRouteBuilder MapQidoEndpoints(this IEndpointRouteBuilder app)
    {
        var rs = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        rs.MapGet("/studies", (string aet, HttpContext http) => SearchAsync(http, aet, QueryLevel.Study, null, null));
        rs.MapGet("/series", (string aet, HttpContext http) => SearchAsync(http, aet, QueryLevel.Series, null, null));
        rs.MapGet("/instances", (string aet, HttpContext http) => SearchAsync(http, aet, QueryLevel.Image, null, null));
        rs.MapGet("/studies/{study}/series", (string aet, string study, HttpContext http) => SearchAsync(http, aet, QueryLevel.Series, study, null));
        rs.MapGet("/studies/{study}/instances", (string aet, string study, HttpContext http) => SearchAsync(http, aet, QueryLevel.Image, study, null));
        rs.MapGet("/studies/{study}/series/{series}/instances", (string aet, string study, string series, HttpContext http) => SearchAsync(http, aet, QueryLevel.Image, study, series));
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, string aet, QueryLevel level, string? study, string? series)
    {
        var services = http.RequestServices;
        var device = services.GetRequiredService<ConfigurationStore>().Current;
        if (device.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such AE: {aet}");
        }

        services.GetRequiredService<ArchiveMetrics>().Query();
        QidoSearch search;
        try
        {
            search = QidoQuery.Parse(level, study, series, http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray())));
        }
        catch (QidoParameterException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }

        var query = search.Request;
        var engine = services.GetRequiredService<QueryEngine>();
        var cancellationToken = http.RequestAborted;
        var maximum = QueryMaximum.For(device, aet);
        if (maximum > 0 && (query.Limit is null || query.Limit > maximum))
        {
            var matches = await engine.CountAsync(query, query.Offset + maximum + 1L, cancellationToken).ConfigureAwait(false);
            if (QueryMaximum.Returned(matches, query.Offset, query.Limit) > maximum)
            {
                return Results.Json(
                    new ErrorBody($"The query matches more than {maximum} results (dcmQueryMaxNumberOfResults); ask for fewer with limit and offset"),
                    ServerJsonContext.Relaxed.ErrorBody,
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }
        }

        if (search.FuzzyMatchingRequested)
        {
            http.Response.Headers.Warning = $"299 {http.Request.Host}: The fuzzymatching parameter is not supported. Only literal matching has been performed.";
        }

        var results = engine.QueryAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await results.MoveNextAsync().ConfigureAwait(false))
            {
                return Results.NoContent();
            }

            var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/dcm4chee-arc/aets/{aet}/rs";
            var withUrl = query.ReturnKeys is null || query.ReturnKeys.Contains(DicomTags.RetrieveURL);
            var writer = new DicomJsonWriter();
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = MediaType;
            var body = http.Response.Body;
            await body.WriteAsync("["u8.ToArray(), cancellationToken).ConfigureAwait(false);
            var first = true;
            do
            {
                if (!first)
                {
                    await body.WriteAsync(","u8.ToArray(), cancellationToken).ConfigureAwait(false);
                }

                var result = results.Current;
                if (withUrl)
                {
                    result.Add(DicomTags.RetrieveURL, RetrieveUrl(baseUrl, level, result));
                }

                await writer.WriteAsync(body, result, cancellationToken).ConfigureAwait(false);
                first = false;
            }
            while (await results.MoveNextAsync().ConfigureAwait(false));

            await body.WriteAsync("]"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            return Results.Empty;
        }
        catch (QueryKeyException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }
        finally
        {
            await results.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string RetrieveUrl(string baseUrl, QueryLevel level, DicomDataset result)
    {
        var url = $"{baseUrl}/studies/{result.GetString(DicomTags.StudyInstanceUID)}";
        if (level >= QueryLevel.Series)
        {
            url += $"/series/{result.GetString(DicomTags.SeriesInstanceUID)}";
        }

        if (level == QueryLevel.Image)
        {
            url += $"/instances/{result.GetString(DicomTags.SOPInstanceUID)}";
        }

        return url;
    }
}
