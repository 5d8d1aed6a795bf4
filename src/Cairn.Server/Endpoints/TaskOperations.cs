using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The task operations of the spec's section 5 — list, count, and cancel, reschedule, delete one task or all that
/// match — mapped under a group whose tasks a <see cref="TaskScope"/> names: one queue (<c>/queue/{queue}</c>) or
/// every EXPORT task (<c>/monitor/export</c>). The rules live in <see cref="TaskService"/>, which the monitoring pages
/// call too; here they become HTTP answers.
/// </summary>
internal static class TaskOperations
{
    /// <summary>Maps the operations on <paramref name="group"/>; <paramref name="resolve"/> gives the scope of a request, or why it has none (404).</summary>
    public static void Map(RouteGroupBuilder group, Func<HttpContext, TaskService, (IResult? Problem, TaskScope? Scope)> resolve)
    {
        group.MapGet("", async (HttpContext http, TaskService tasks) =>
        {
            if (Check(http, tasks, resolve, out var parameters) is { } problem)
            {
                return problem;
            }

            var list = await tasks.ListAsync(parameters!, http.RequestAborted).ConfigureAwait(false);
            return JsonBody.Write(json =>
            {
                json.WriteStartArray();
                foreach (var task in list)
                {
                    TaskJson.Write(json, task);
                }

                json.WriteEndArray();
            });
        });

        group.MapGet("/count", async (HttpContext http, TaskService tasks) =>
            Check(http, tasks, resolve, out var parameters) ?? JsonBody.Count(await tasks.CountAsync(parameters!.Filter, http.RequestAborted).ConfigureAwait(false)));

        group.MapPost("/{taskId:long}/cancel", async (long taskId, HttpContext http, TaskService tasks) =>
        {
            var (problem, scope) = resolve(http, tasks);
            return problem ?? Answer(await tasks.CancelAsync(scope!, taskId, http.RequestAborted).ConfigureAwait(false));
        });

        group.MapPost("/{taskId:long}/reschedule", async (long taskId, HttpContext http, TaskService tasks) =>
        {
            var (problem, scope) = resolve(http, tasks);
            if (problem is not null)
            {
                return problem;
            }

            return TryRescheduleArguments(http, tasks, out var when, out var bad)
                ? Answer(await tasks.RescheduleAsync(scope!, taskId, null, when, http.RequestAborted).ConfigureAwait(false))
                : bad;
        });

        group.MapDelete("/{taskId:long}", async (long taskId, HttpContext http, TaskService tasks) =>
        {
            var (problem, scope) = resolve(http, tasks);
            return problem ?? Answer(await tasks.DeleteAsync(scope!, taskId, http.RequestAborted).ConfigureAwait(false));
        });

        group.MapPost("/cancel", async (HttpContext http, TaskService tasks) =>
            Check(http, tasks, resolve, out var parameters)
            ?? Answer(await tasks.CancelMatchingAsync(parameters!.Filter, http.RequestAborted).ConfigureAwait(false), counted: true));

        group.MapPost("/reschedule", async (HttpContext http, TaskService tasks, TimeProvider time) =>
        {
            var began = time.GetUtcNow();
            if (Check(http, tasks, resolve, out var parameters) is { } problem)
            {
                return problem;
            }

            return TryRescheduleArguments(http, tasks, out var when, out var bad)
                ? Answer(await tasks.RescheduleMatchingAsync(parameters!.Filter, null, when, began, http.RequestAborted).ConfigureAwait(false), counted: true)
                : bad;
        });

        group.MapDelete("", async (HttpContext http, TaskService tasks) =>
            Check(http, tasks, resolve, out var parameters)
            ?? Answer(await tasks.DeleteMatchingAsync(parameters!.Filter, http.RequestAborted).ConfigureAwait(false), counted: true));
    }

    /// <summary>
    /// An outcome as the API answers it: a count (bulk) or no content (one task) when done; else the error with
    /// 400, 404 or 409.
    /// </summary>
    public static IResult Answer(TaskOutcome outcome, bool counted = false) => outcome.Kind switch
    {
        TaskOutcomeKind.Done => counted ? JsonBody.Count(outcome.Count) : Results.NoContent(),
        TaskOutcomeKind.NotFound => ConfigurationEndpoints.NotFound(outcome.Error!),
        TaskOutcomeKind.Conflict => ConfigurationEndpoints.Error(StatusCodes.Status409Conflict, outcome.Error!),
        _ => ConfigurationEndpoints.BadRequest(outcome.Error!),
    };

    /// <summary>
    /// A reschedule's arguments: its <c>scheduledTime</c>, or a 400 naming what is wrong with it; and its
    /// <c>newDeviceName</c>s, which may only name this archive's device (every node of a Cairn cluster is that one
    /// device), else 409 as the reference answers a device that lacks the queue.
    /// </summary>
    public static bool TryRescheduleArguments(HttpContext http, TaskService tasks, out DateTimeOffset? when, out IResult problem)
    {
        problem = Results.Empty;
        if (tasks.NewDeviceProblem(http.Request.Query["newDeviceName"]) is { } conflict)
        {
            when = null;
            problem = ConfigurationEndpoints.Error(StatusCodes.Status409Conflict, conflict);
            return false;
        }

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

    /// <summary>The filter, order and page the request's query asks for within <paramref name="scope"/>, or a 400 naming the bad parameter.</summary>
    public static IResult? Parse(HttpContext http, TaskScope scope, out TaskQueryParameters? parameters)
    {
        parameters = null;
        try
        {
            parameters = TaskService.Parse(scope, http.Request.Query);
            return null;
        }
        catch (ArgumentException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }
    }

    private static IResult? Check(HttpContext http, TaskService tasks, Func<HttpContext, TaskService, (IResult? Problem, TaskScope? Scope)> resolve, out TaskQueryParameters? parameters)
    {
        parameters = null;
        var (problem, scope) = resolve(http, tasks);
        return problem ?? Parse(http, scope!, out parameters);
    }
}
