using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The task queues over REST, as dcm4chee's <c>/queue</c> API: list and count with filters, and cancel, reschedule
/// and delete, one task or all that match.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dcm4chee-arc/queue");

        api.MapGet("", (ConfigurationStore configuration) =>
            Results.Stream(stream => WriteJsonAsync(stream, json =>
            {
                json.WriteStartArray();
                foreach (var queue in configuration.Current.Archive.Queues)
                {
                    json.WriteStartObject();
                    json.WriteString("name", queue.Name);
                    json.WriteString("description", queue.Description ?? "");
                    json.WriteStartArray("exporterIDs");
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }), "application/json"));

        api.MapGet("/{queue}", async (string queue, HttpRequest request, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (Check(queue, request, configuration, out var parameters) is { } problem)
            {
                return problem;
            }

            var tasks = await store.ListAsync(parameters!.Filter, parameters.Order, parameters.Offset, parameters.Limit, cancellationToken).ConfigureAwait(false);
            return Results.Stream(stream => WriteJsonAsync(stream, json =>
            {
                json.WriteStartArray();
                foreach (var task in tasks)
                {
                    TaskJson.Write(json, task);
                }

                json.WriteEndArray();
            }), "application/json");
        });

        api.MapGet("/{queue}/count", async (string queue, HttpRequest request, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (Check(queue, request, configuration, out var parameters) is { } problem)
            {
                return problem;
            }

            return Count(await store.CountAsync(parameters!.Filter, cancellationToken).ConfigureAwait(false));
        });

        api.MapPost("/{queue}/{taskId:long}/cancel", async (string queue, long taskId, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (UnknownQueue(queue, configuration) is { } unknown)
            {
                return unknown;
            }

            var change = await InQueue(store, queue, taskId, cancellationToken).ConfigureAwait(false)
                ?? await store.CancelAsync(taskId, cancellationToken).ConfigureAwait(false);
            return change.Result switch
            {
                TaskChangeResult.NotFound => NoSuchTask(taskId),
                TaskChangeResult.Conflict => Results.Json(new ErrorBody($"Cannot cancel Task with status: {change.PreviousStatus!.Value.Text()}"), ServerJsonContext.Relaxed.ErrorBody, statusCode: 409),
                _ => Results.NoContent(),
            };
        });

        api.MapPost("/{queue}/{taskId:long}/reschedule", async (string queue, long taskId, HttpRequest request, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (UnknownQueue(queue, configuration) is { } unknown)
            {
                return unknown;
            }

            DateTimeOffset? when;
            try
            {
                when = TaskQueryParameters.ScheduledTime(request.Query);
            }
            catch (ArgumentException e)
            {
                return ConfigurationEndpoints.BadRequest(e.Message);
            }

            var change = await InQueue(store, queue, taskId, cancellationToken).ConfigureAwait(false)
                ?? await store.RescheduleAsync(taskId, when, cancellationToken).ConfigureAwait(false);
            return change.Result == TaskChangeResult.NotFound ? NoSuchTask(taskId) : Results.NoContent();
        });

        api.MapDelete("/{queue}/{taskId:long}", async (string queue, long taskId, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (UnknownQueue(queue, configuration) is { } unknown)
            {
                return unknown;
            }

            var change = await InQueue(store, queue, taskId, cancellationToken).ConfigureAwait(false)
                ?? await store.DeleteAsync(taskId, cancellationToken).ConfigureAwait(false);
            return change.Result == TaskChangeResult.NotFound ? NoSuchTask(taskId) : Results.NoContent();
        });

        api.MapPost("/{queue}/cancel", async (string queue, HttpRequest request, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (Check(queue, request, configuration, out var parameters) is { } problem)
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

            return Count(await store.CancelAsync(parameters.Filter, cancellationToken).ConfigureAwait(false));
        });

        api.MapPost("/{queue}/reschedule", async (string queue, HttpRequest request, ConfigurationStore configuration, TaskStore store, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var began = time.GetUtcNow();
            if (Check(queue, request, configuration, out var parameters) is { } problem)
            {
                return problem;
            }

            DateTimeOffset? when;
            try
            {
                when = TaskQueryParameters.ScheduledTime(request.Query);
            }
            catch (ArgumentException e)
            {
                return ConfigurationEndpoints.BadRequest(e.Message);
            }

            // Tasks updated after the request began (by a worker meanwhile) are not this request's to touch.
            return Count(await store.RescheduleAsync(parameters!.Filter with { UpdatedNotAfter = began }, when, cancellationToken).ConfigureAwait(false));
        });

        api.MapDelete("/{queue}", async (string queue, HttpRequest request, ConfigurationStore configuration, TaskStore store, CancellationToken cancellationToken) =>
        {
            if (Check(queue, request, configuration, out var parameters) is { } problem)
            {
                return problem;
            }

            return Count(await store.DeleteAsync(parameters!.Filter, cancellationToken).ConfigureAwait(false));
        });

        return app;
    }

    private static IResult? Check(string queue, HttpRequest request, ConfigurationStore configuration, out TaskQueryParameters? parameters)
    {
        parameters = null;
        if (UnknownQueue(queue, configuration) is { } unknown)
        {
            return unknown;
        }

        try
        {
            parameters = TaskQueryParameters.Parse(queue, request.Query);
            return null;
        }
        catch (ArgumentException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }
    }

    private static IResult? UnknownQueue(string queue, ConfigurationStore configuration) =>
        configuration.Current.Archive.FindQueue(queue) is null ? ConfigurationEndpoints.NotFound($"No such Queue : {queue}") : null;

    // A task of another queue is not found under this one.
    private static async Task<TaskChange?> InQueue(TaskStore store, string queue, long taskId, CancellationToken cancellationToken) =>
        (await store.GetAsync(taskId, cancellationToken).ConfigureAwait(false))?.Queue == queue ? null : new TaskChange(TaskChangeResult.NotFound);

    private static IResult NoSuchTask(long taskId) => ConfigurationEndpoints.NotFound($"No such Task : {taskId}");

    private static IResult Count(long count) =>
        Results.Stream(stream => WriteJsonAsync(stream, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }), "application/json");

    private static async Task WriteJsonAsync(Stream stream, Action<Utf8JsonWriter> write)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        write(json);
        await json.FlushAsync().ConfigureAwait(false);
    }
}
