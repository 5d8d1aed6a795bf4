using System.Text.Json;
using Cairn.Archive.Export;
using Cairn.Archive.Requests;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Export on demand (dcm4chee's export RS): a study, series or instance by an exporter, as a task on the exporter's
/// queue (202 with the task), or with <c>only-ian=true</c> only the study's IAN to the exporter's IAN destinations
/// ("IAN without export"; 202 with the IAN tasks), or to <c>dicom:&lt;AET&gt;</c> sent at once (see
/// <see cref="ExportResponses"/>). The work is <see cref="ExportRequests"/>, which the study browser uses too.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        api.MapPost("/studies/{study}/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http, ExportRequests exports, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, null, null, exporterId, http, exports, cancellationToken));
        api.MapPost("/studies/{study}/series/{series}/export/{exporterId}", (string aet, string study, string series, string exporterId, HttpContext http, ExportRequests exports, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, series, null, exporterId, http, exports, cancellationToken));
        api.MapPost("/studies/{study}/series/{series}/instances/{instance}/export/{exporterId}", (string aet, string study, string series, string instance, string exporterId, HttpContext http, ExportRequests exports, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, series, instance, exporterId, http, exports, cancellationToken));
        return app;
    }

    private static async Task<IResult> ExportAsync(string aet, string study, string? series, string? instance, string exporterId, HttpContext http, ExportRequests exports, CancellationToken cancellationToken)
    {
        try
        {
            var order = ExportResponses.Order(aet, exporterId, http);
            var outcome = await exports.ExportAsync(order, study, series, instance, cancellationToken).ConfigureAwait(false);
            if (outcome.Sent is { } sent)
            {
                return ExportResponses.Sent(sent);
            }

            if (order.OnlyIan)
            {
                return Accepted(json =>
                {
                    json.WriteStartArray();
                    foreach (var ian in outcome.Tasks)
                    {
                        TaskJson.Write(json, ian);
                    }

                    json.WriteEndArray();
                });
            }

            return Accepted(json => TaskJson.Write(json, outcome.Tasks[0]));
        }
        catch (RequestRefusedException e)
        {
            return ExportResponses.Refused(e);
        }
    }

    private static StatusResult Accepted(Action<Utf8JsonWriter> write) =>
        new(
            Results.Stream(
                async stream =>
                {
                    await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                    write(json);
                    await json.FlushAsync().ConfigureAwait(false);
                },
                "application/json"),
            StatusCodes.Status202Accepted);

    /// <summary>A result with its status code changed.</summary>
    private sealed class StatusResult(IResult inner, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
