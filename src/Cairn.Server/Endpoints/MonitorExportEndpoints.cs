using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// <c>/dcm4chee-arc/monitor/export</c>: the queue API's operations (<see cref="TaskOperations"/>) over the EXPORT tasks
/// of every queue, filterable by <c>ExporterID</c>, and <c>POST …/{taskID}/reschedule/{newExporterID}</c>, which
/// schedules an export again on another exporter (its queue, local and remote AE).
/// </summary>
public static class MonitorExportEndpoints
{
    private static readonly TaskScope Exports = new(null, ExportTasks.Type);

    public static IEndpointRouteBuilder MapMonitorExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dcm4chee-arc/monitor/export");
        TaskOperations.Map(group, (_, _) => (null, Exports));
        group.MapPost("/{taskId:long}/reschedule/{newExporterId}", async (long taskId, string newExporterId, HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            var archive = configuration.Current.Archive;
            if (archive.FindExporter(newExporterId) is not { } exporter)
            {
                return ConfigurationEndpoints.NotFound($"No such Exporter: {newExporterId}");
            }

            if (archive.FindQueue(exporter.QueueName) is null)
            {
                return ConfigurationEndpoints.NotFound($"No such Queue: {exporter.QueueName}");
            }

            if (!TaskOperations.TryScheduledTime(http, out var when, out var bad))
            {
                return bad;
            }

            var change = await TaskOperations.InScope(store, Exports, taskId, http.RequestAborted).ConfigureAwait(false)
                ?? await store.RescheduleAsync(taskId, new TaskTarget(exporter.QueueName, exporter.ExporterId, exporter.AETitle, exporter.DestinationAETitle), when, http.RequestAborted).ConfigureAwait(false);
            return change.Result == TaskChangeResult.NotFound ? TaskOperations.NoSuchTask(taskId) : Results.NoContent();
        });
        return app;
    }
}
