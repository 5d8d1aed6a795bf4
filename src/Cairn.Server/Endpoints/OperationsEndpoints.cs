using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Network;
using Cairn.Archive.Operations;
using Dapper;

namespace Cairn.Server.Endpoints;

/// <summary><c>/health</c> (is the index reachable, is DICOM listening) and <c>/metrics</c> (Prometheus text).</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IndexDatabase database, ConfigurationStore configuration, DicomListener listener, CancellationToken cancellationToken) =>
        {
            var name = configuration.Current.DeviceName;
            var provider = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";
            int port;
            try
            {
                port = listener.Port;
            }
            catch (InvalidOperationException)
            {
                return Results.Json(new HealthBody("DOWN", name, provider, 0, "the DICOM listener is not running"), ServerJsonContext.Relaxed.HealthBody, statusCode: 503);
            }

            try
            {
                await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return Results.Json(new HealthBody("DOWN", name, provider, port, $"the index database does not answer: {e.Message}"), ServerJsonContext.Relaxed.HealthBody, statusCode: 503);
            }

            return Results.Json(new HealthBody("UP", name, provider, port), ServerJsonContext.Relaxed.HealthBody);
        });

        app.MapGet("/metrics", (ArchiveMetrics metrics) => Results.Text(metrics.ToPrometheusText(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }
}
