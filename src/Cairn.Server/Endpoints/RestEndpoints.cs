namespace Cairn.Server.Endpoints;

/// <summary>The REST API beyond single export and the queues: IAN-RS, export of matches, the export rules' dry run, /monitor/export and the OpenAPI document.</summary>
public static class RestEndpoints
{
    public static IEndpointRouteBuilder MapRestEndpoints(this IEndpointRouteBuilder app) =>
        app.MapIanRsEndpoints()
            .MapBulkExportEndpoints()
            .MapExportRulesEndpoints()
            .MapMonitorExportEndpoints()
            .MapOpenApiEndpoints();
}
