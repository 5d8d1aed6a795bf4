using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// <c>/dcm4chee-arc/monitor/export</c>: the queue API's operations (<see cref="TaskOperations"/>) over the EXPORT tasks
/// of every queue, filterable by <c>ExporterID</c>; <c>POST …/{taskID}/reschedule/{newExporterID}</c> and its bulk form
/// <c>POST …/reschedule/{newExporterID}</c>, which schedule exports again on another exporter (its queue, local and
/// remote AE); and <c>GET …/batch</c>, the tasks that have a batch ID grouped by it.
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

            return TaskOperations.TryRescheduleArguments(http, tasks, out var when, out var bad)
                ? TaskOperations.Answer(await tasks.RescheduleAsync(TaskService.Exports, taskId, target!, when, http.RequestAborted).ConfigureAwait(false))
                : bad;
        });

        group.MapPost("/reschedule/{newExporterId}", async (string newExporterId, HttpContext http, TaskService tasks, TimeProvider time) =>
        {
            var began = time.GetUtcNow();
            var (target, problem) = tasks.ExporterTarget(newExporterId);
            if (problem is not null)
            {
                return TaskOperations.Answer(problem);
            }

            if (TaskOperations.Parse(http, TaskService.Exports, out var parameters) is { } invalid)
            {
                return invalid;
            }

            return TaskOperations.TryRescheduleArguments(http, tasks, out var when, out var bad)
                ? TaskOperations.Answer(await tasks.RescheduleMatchingAsync(parameters!.Filter, target!, when, began, http.RequestAborted).ConfigureAwait(false), counted: true)
                : bad;
        });

        group.MapGet("/batch", async (HttpContext http, TaskService tasks) =>
        {
            if (TaskOperations.Parse(http, TaskService.Exports, out var parameters) is { } invalid)
            {
                return invalid;
            }

            var batches = await tasks.ListBatchesAsync(parameters!, http.RequestAborted).ConfigureAwait(false);
            return JsonBody.Write(json =>
            {
                json.WriteStartArray();
                foreach (var batch in batches)
                {
                    TaskBatchJson.Write(json, batch);
                }

                json.WriteEndArray();
            });
        });
        return app;
    }
}
