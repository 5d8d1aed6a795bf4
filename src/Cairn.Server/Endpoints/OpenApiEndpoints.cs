namespace Cairn.Server.Endpoints;

/// <summary>
/// <c>GET /dcm4chee-arc/openapi.json</c>: the OpenAPI 3 description of the REST API, a hand-kept resource
/// (Endpoints/openapi.json) that a test holds to the routes actually mapped.
/// </summary>
public static class OpenApiEndpoints
{
    public const string ResourceName = "Cairn.Server.openapi.json";

    public static IEndpointRouteBuilder MapOpenApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcm4chee-arc/openapi.json", () => Results.Stream(Open(), "application/json"));
        return app;
    }

    /// <summary>The document as embedded in the server.</summary>
    public static Stream Open() =>
        typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"the server was built without its {ResourceName} resource");
}
