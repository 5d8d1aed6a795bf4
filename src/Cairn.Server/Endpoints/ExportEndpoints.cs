using System.Text.Json;
using Cairn.Archive.Export;
using Cairn.Archive.Ian;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Export on demand (dcm4chee's export RS): a study, series or instance by an exporter, as a task on the exporter's
/// queue (202 with the task), or with <c>only-ian=true</c> only the study's IAN to the exporter's IAN destinations
/// ("IAN without export"; 202 with the IAN tasks).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        api.MapPost("/studies/{study}/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http, ExportServices services, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, null, null, exporterId, http, services, cancellationToken));
        api.MapPost("/studies/{study}/series/{series}/export/{exporterId}", (string aet, string study, string series, string exporterId, HttpContext http, ExportServices services, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, series, null, exporterId, http, services, cancellationToken));
        api.MapPost("/studies/{study}/series/{series}/instances/{instance}/export/{exporterId}", (string aet, string study, string series, string instance, string exporterId, HttpContext http, ExportServices services, CancellationToken cancellationToken) =>
            ExportAsync(aet, study, series, instance, exporterId, http, services, cancellationToken));
        return app;
    }

    private static async Task<IResult> ExportAsync(string aet, string study, string? series, string? instance, string exporterId, HttpContext http, ExportServices services, CancellationToken cancellationToken)
    {
        var device = services.Configuration.Current;
        if (device.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
        }

        foreach (var (name, uid) in new[] { ("StudyInstanceUID", study), ("SeriesInstanceUID", series), ("SOPInstanceUID", instance) })
        {
            if (uid is not null && DicomValueValidator.CheckUid(uid) is { } problem)
            {
                return ConfigurationEndpoints.BadRequest($"{name}: '{uid}' {problem}");
            }
        }

        if (device.Archive.FindExporter(exporterId) is not { } exporter)
        {
            return ConfigurationEndpoints.NotFound($"No such Exporter: {exporterId}");
        }

        if (device.Archive.FindQueue(exporter.QueueName) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Queue: {exporter.QueueName}");
        }

        DateTimeOffset? scheduled;
        try
        {
            scheduled = TaskQueryParameters.ScheduledTime(http.Request.Query);
        }
        catch (ArgumentException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }

        var onlyIan = http.Request.Query["only-ian"].ToString();
        if (onlyIan.Length > 0 && onlyIan is not ("true" or "false"))
        {
            return ConfigurationEndpoints.BadRequest($"only-ian: '{onlyIan}' is neither true nor false");
        }

        var found = await services.Locator.FindAsync(RetrieveKeys.For(study, series, instance), cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return ConfigurationEndpoints.NotFound(instance is not null ? $"No such instance: {instance}" : series is not null ? $"No such series: {series}" : $"No such study: {study}");
        }

        var template = new NewTask
        {
            Queue = exporter.QueueName,
            Type = ExportTasks.Type,
            BatchId = http.Request.Query["batchID"].ToString() is { Length: > 0 } batch ? batch : null,
            RequesterHost = http.Connection.RemoteIpAddress?.ToString(),
            RequestUri = http.Request.Path + http.Request.QueryString,
        };

        if (onlyIan == "true")
        {
            if (exporter.IanDestinations.Count == 0)
            {
                return ConfigurationEndpoints.NotFound($"No IAN Destinations configured for Exporter: {exporterId}");
            }

            await using var connection = await services.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var ians = await IanTasks.QueueAsync(connection, transaction, services.Tasks, exporter, study, null, template, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ian in ians)
            {
                services.Tasks.WakeIfDue(ian);
            }

            return Accepted(json =>
            {
                json.WriteStartArray();
                foreach (var ian in ians)
                {
                    TaskJson.Write(json, ian);
                }

                json.WriteEndArray();
            });
        }

        var task = await services.Tasks.CreateAsync(
            ExportTasks.New(exporter, study, series ?? "*", instance ?? "*", scheduled) with
            {
                BatchId = template.BatchId,
                RequesterHost = template.RequesterHost,
                RequestUri = template.RequestUri,
                NumberOfInstances = found.Count,
            },
            cancellationToken).ConfigureAwait(false);
        return Accepted(json => TaskJson.Write(json, task));
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
