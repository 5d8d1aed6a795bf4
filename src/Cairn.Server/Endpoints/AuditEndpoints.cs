using System.Text.Json;
using Cairn.Archive.Audit;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The audit record over REST (administrators only): <c>GET /dcm4chee-arc/audit</c> lists records newest first,
/// <c>GET /dcm4chee-arc/audit/count</c> counts them, both filtered as <see cref="AuditQuery"/> says.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcm4chee-arc/audit", async (HttpContext http, AuditStore audit) =>
        {
            AuditQuery query;
            try
            {
                query = AuditQuery.Parse(http.Request.Query);
            }
            catch (ArgumentException e)
            {
                return ConfigurationEndpoints.BadRequest(e.Message);
            }

            var records = await audit.ListAsync(query.Filter, query.Offset, query.Limit, http.RequestAborted).ConfigureAwait(false);
            return JsonBody.Write(json =>
            {
                json.WriteStartArray();
                foreach (var record in records)
                {
                    Write(json, record);
                }

                json.WriteEndArray();
            });
        });

        app.MapGet("/dcm4chee-arc/audit/count", async (HttpContext http, AuditStore audit) =>
        {
            try
            {
                return JsonBody.Count(await audit.CountAsync(AuditQuery.Parse(http.Request.Query).Filter, http.RequestAborted).ConfigureAwait(false));
            }
            catch (ArgumentException e)
            {
                return ConfigurationEndpoints.BadRequest(e.Message);
            }
        });
        return app;
    }

    private static void Write(Utf8JsonWriter json, AuditRecord record)
    {
        json.WriteStartObject();
        json.WriteNumber("id", record.Id);
        json.WriteString("time", TaskJson.Time(record.Time));
        json.WriteString("user", record.User);
        json.WriteString("host", record.Host);
        json.WriteString("action", record.Action);
        json.WriteString("method", record.Method);
        json.WriteString("uri", record.Uri);
        json.WriteString("detail", record.Detail);
        json.WriteNumber("status", record.Status);
        json.WriteString("outcome", record.Outcome);
        json.WriteEndObject();
    }
}
