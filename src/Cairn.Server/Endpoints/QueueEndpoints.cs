using Cairn.Archive.Configuration;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The task queues over REST, as dcm4chee's <c>/queue</c> API: the queues, and per queue list and count with
/// filters, and cancel, reschedule and delete, one task or all that match (<see cref="TaskOperations"/>).
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcm4chee-arc/queue", (ConfigurationStore configuration) => JsonBody.Write(json =>
        {
            var archive = configuration.Current.Archive;
            json.WriteStartArray();
            foreach (var queue in archive.Queues)
            {
                json.WriteStartObject();
                json.WriteString("name", queue.Name);
                json.WriteString("description", queue.Description ?? "");
                json.WriteStartArray("exporterIDs");
                foreach (var exporter in archive.Exporters.Where(e => e.QueueName == queue.Name))
                {
                    json.WriteStringValue(exporter.ExporterId);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));

        TaskOperations.Map(app.MapGroup("/dcm4chee-arc/queue/{queue}"), (http, tasks) =>
        {
            var queue = (string)http.GetRouteValue("queue")!;
            return tasks.QueueScope(queue) is { } scope
                ? (null, scope)
                : (ConfigurationEndpoints.NotFound($"No such Queue : {queue}"), null);
        });
        return app;
    }
}
