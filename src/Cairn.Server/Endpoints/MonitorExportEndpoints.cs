using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// <c>/dcm4chee-arc/monitor/export</c>: the queue API's operations (<see cref="TaskOperations"/>) over the EXPORT tasks
/// of every queue, filterable by <c>ExporterID</c>, and <c>POST …/{taskID}/reschedule/{newExporterID}</c>, which
/// schedules an export again on another exporter (its queue, local and remote AE).
/// </summary>
public static class MonitorExportEndpoints
{
    public static IEndpointRouteBuilder MapMonitorExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dcm4chee-arc/monitor/export");
        TaskOperations.Map(group, (_, _) => (null, TaskService.Exports));
        group.MapPost("/{taskId:long}/reschedule/{newExporterId}", async (long taskId, string newExporterId, HttpContext http, TaskService tasks) =>
        {
            var (target, problem) = tasks.ExporterTarget(newExporterId);
            if (problem is not null)
            {
                return TaskOperations.Answer(problem);
            }

            return TaskOperations.TryScheduledTime(http, out var when, out var bad)
                ? TaskOperations.Answer(await tasks.RescheduleAsync(TaskService.Exports, taskId, target!, when, http.RequestAborted).ConfigureAwait(false))
                : bad;
        });
        return app;
    }
}
