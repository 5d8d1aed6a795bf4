using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The task operations of the spec's section 5 — list, count, and cancel, reschedule, delete one task or all that
/// match — mapped under a group whose tasks a <see cref="TaskScope"/> names: one queue (<c>/queue/{queue}</c>) or
/// every EXPORT task (<c>/monitor/export</c>). A task outside the scope is not found there.
/// </summary>
internal static class TaskOperations
{
    /// <summary>Maps the operations on <paramref name="group"/>; <paramref name="resolve"/> gives the scope of a request, or why it has none (404).</summary>
    public static void Map(RouteGroupBuilder group, Func<HttpContext, ConfigurationStore, (IResult? Problem, TaskScope? Scope)> resolve)
    {
        group.MapGet("", async (HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            if (Check(http, configuration, resolve, out var parameters) is { } problem)
            {
                return problem;
            }

            var tasks = await store.ListAsync(parameters!.Filter, parameters.Order, parameters.Offset, parameters.Limit, http.RequestAborted).ConfigureAwait(false);
            return JsonBody.Write(json =>
            {
                json.WriteStartArray();
                foreach (var task in tasks)
                {
                    TaskJson.Write(json, task);
                }

                json.WriteEndArray();
            });
        });

        group.MapGet("/count", async (HttpContext http, ConfigurationStore configuration, TaskStore store) =>
            Check(http, configuration, resolve, out var parameters) ?? JsonBody.Count(await store.CountAsync(parameters!.Filter, http.RequestAborted).ConfigureAwait(false)));

        group.MapPost("/{taskId:long}/cancel", async (long taskId, HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            var (problem, scope) = resolve(http, configuration);
            if (problem is not null)
            {
                return problem;
            }

            var change = await InScope(store, scope!, taskId, http.RequestAborted).ConfigureAwait(false)
                ?? await store.CancelAsync(taskId, http.RequestAborted).ConfigureAwait(false);
            return change.Result switch
            {
                TaskChangeResult.NotFound => NoSuchTask(taskId),
                TaskChangeResult.Conflict => Results.Json(new ErrorBody($"Cannot cancel Task with status: {change.PreviousStatus!.Value.Text()}"), ServerJsonContext.Relaxed.ErrorBody, statusCode: 409),
                _ => Results.NoContent(),
            };
        });

        group.MapPost("/{taskId:long}/reschedule", async (long taskId, HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            var (problem, scope) = resolve(http, configuration);
            if (problem is not null)
            {
                return problem;
            }

            if (!TryScheduledTime(http, out var when, out var bad))
            {
                return bad;
            }

            var change = await InScope(store, scope!, taskId, http.RequestAborted).ConfigureAwait(false)
                ?? await store.RescheduleAsync(taskId, when, http.RequestAborted).ConfigureAwait(false);
            return change.Result == TaskChangeResult.NotFound ? NoSuchTask(taskId) : Results.NoContent();
        });

        group.MapDelete("/{taskId:long}", async (long taskId, HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            var (problem, scope) = resolve(http, configuration);
            if (problem is not null)
            {
                return problem;
            }

            var change = await InScope(store, scope!, taskId, http.RequestAborted).ConfigureAwait(false)
                ?? await store.DeleteAsync(taskId, http.RequestAborted).ConfigureAwait(false);
            return change.Result == TaskChangeResult.NotFound ? NoSuchTask(taskId) : Results.NoContent();
        });

        group.MapPost("/cancel", async (HttpContext http, ConfigurationStore configuration, TaskStore store) =>
        {
            if (Check(http, configuration, resolve, out var parameters) is { } problem)
            {
                return problem;
            }

            if (parameters!.Filter.Statuses is not { Count: > 0 } statuses)
            {
                return ConfigurationEndpoints.BadRequest("status: a bulk cancel needs the status of the tasks to cancel (SCHEDULED, SCHEDULED FOR RETRY or IN PROCESS)");
            }

            if (statuses.FirstOrDefault(s => !s.IsOpen()) is var finished && !finished.IsOpen())
            {
                return ConfigurationEndpoints.BadRequest($"status: tasks with status {finished.Text()} are finished and cannot be cancelled");
            }

            return JsonBody.Count(await store.CancelAsync(parameters.Filter, http.RequestAborted).ConfigureAwait(false));
        });

        group.MapPost("/reschedule", async (HttpContext http, ConfigurationStore configuration, TaskStore store, TimeProvider time) =>
        {
            var began = time.GetUtcNow();
            if (Check(http, configuration, resolve, out var parameters) is { } problem)
            {
                return problem;
            }

            if (!TryScheduledTime(http, out var when, out var bad))
            {
                return bad;
            }

            // Tasks updated after the request began (by a worker meanwhile) are not this request's to touch.
            return JsonBody.Count(await store.RescheduleAsync(parameters!.Filter with { UpdatedNotAfter = began }, when, http.RequestAborted).ConfigureAwait(false));
        });

        group.MapDelete("", async (HttpContext http, ConfigurationStore configuration, TaskStore store) =>
            Check(http, configuration, resolve, out var parameters) ?? JsonBody.Count(await store.DeleteAsync(parameters!.Filter, http.RequestAborted).ConfigureAwait(false)));
    }

    /// <summary>The task if it is in <paramref name="scope"/>'s sight: a not-found change when it is not.</summary>
    public static async Task<TaskChange?> InScope(TaskStore store, TaskScope scope, long taskId, CancellationToken cancellationToken) =>
        await store.GetAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task
        && (scope.Queue is null || task.Queue == scope.Queue)
        && (scope.Type is null || task.Type == scope.Type)
            ? null
            : new TaskChange(TaskChangeResult.NotFound);

    public static IResult NoSuchTask(long taskId) => ConfigurationEndpoints.NotFound($"No such Task : {taskId}");

    /// <summary>The request's <c>scheduledTime</c>, or a 400 naming what is wrong with it.</summary>
    public static bool TryScheduledTime(HttpContext http, out DateTimeOffset? when, out IResult problem)
    {
        problem = Results.Empty;
        try
        {
            when = TaskQueryParameters.ScheduledTime(http.Request.Query);
            return true;
        }
        catch (ArgumentException e)
        {
            when = null;
            problem = ConfigurationEndpoints.BadRequest(e.Message);
            return false;
        }
    }

    private static IResult? Check(HttpContext http, ConfigurationStore configuration, Func<HttpContext, ConfigurationStore, (IResult? Problem, TaskScope? Scope)> resolve, out TaskQueryParameters? parameters)
    {
        parameters = null;
        var (problem, scope) = resolve(http, configuration);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            parameters = TaskQueryParameters.Parse(scope!.Queue, http.Request.Query);
            parameters = parameters with { Filter = parameters.Filter with { Type = scope.Type } };
            return null;
        }
        catch (ArgumentException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }
    }
}
