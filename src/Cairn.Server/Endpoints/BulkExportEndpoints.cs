using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Query;
using Cairn.Archive.Index;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Export of matches: the studies, series or instances that QIDO matching keys select, one EXPORT task each on the
/// exporter's queue (with batchID and scheduledTime); 202 <c>{"count":n}</c>, 413 beyond the AE's query maximum,
/// 404 for an unknown AE or exporter.
/// </summary>
public static class BulkExportEndpoints
{
    public static IEndpointRouteBuilder MapBulkExportEndpoints(this IEndpointRouteBuilder app)
    {
        var rs = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        rs.MapPost("/studies/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Study, null, null, exporterId));
        rs.MapPost("/series/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Series, null, null, exporterId));
        rs.MapPost("/studies/{study}/series/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Series, study, null, exporterId));
        rs.MapPost("/instances/export/{exporterId}", (string aet, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, null, null, exporterId));
        rs.MapPost("/studies/{study}/instances/export/{exporterId}", (string aet, string study, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, study, null, exporterId));
        rs.MapPost("/studies/{study}/series/{series}/instances/export/{exporterId}", (string aet, string study, string series, string exporterId, HttpContext http) => ExportAsync(http, aet, QueryLevel.Image, study, series, exporterId));
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, string aet, QueryLevel level, string? study, string? series, string exporterId)
    {
        var services = http.RequestServices;
        var device = services.GetRequiredService<ConfigurationStore>().Current;
        if (device.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
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

        var cancellationToken = http.RequestAborted;
        var (problem, matches) = await MatchedEntities.FindAsync(http, aet, level, study, series, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var tasks = services.GetRequiredService<TaskStore>();
        var created = new List<QueueTask>();
        await using (var connection = await services.GetRequiredService<IndexDatabase>().OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // All or none: a failure part-way leaves no half-made batch behind.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var match in matches)
            {
                created.Add(await tasks.CreateAsync(
                    connection,
                    transaction,
                    ExportTasks.New(exporter, match.Study, match.Series ?? "*", match.Sop ?? "*", scheduled) with
                    {
                        BatchId = IanRsEndpoints.BatchId(http),
                        RequesterHost = http.Connection.RemoteIpAddress?.ToString(),
                        RequestUri = http.Request.Path + http.Request.QueryString,
                        NumberOfInstances = match.Instances,
                    },
                    cancellationToken).ConfigureAwait(false));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var task in created)
        {
            tasks.WakeIfDue(task);
        }

        return JsonBody.Count(created.Count, StatusCodes.Status202Accepted);
    }
}
