using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Dicom;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// A dry run of the export rules (<see cref="ExportDryRun"/>): <c>GET /dcm4chee-arc/aets/{AET}/rs/studies/{StudyUID}/export-rules</c>
/// answers which rules would send the stored study's instances to which exporters, at which level and when.
/// </summary>
public static class ExportRulesEndpoints
{
    public static IEndpointRouteBuilder MapExportRulesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcm4chee-arc/aets/{aet}/rs/studies/{study}/export-rules", DryRunAsync);
        return app;
    }

    private static async Task<IResult> DryRunAsync(string aet, string study, HttpContext http, ConfigurationStore configuration, ExportDryRun dryRun)
    {
        if (configuration.Current.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
        }

        if (DicomValueValidator.CheckUid(study) is { } problem)
        {
            return ConfigurationEndpoints.BadRequest($"StudyInstanceUID: '{study}' {problem}");
        }

        if (await dryRun.RunAsync(study, http.RequestAborted).ConfigureAwait(false) is not { } result)
        {
            return ConfigurationEndpoints.NotFound($"No such study: {study}");
        }

        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("StudyInstanceUID", study);
            json.WriteNumber("instances", result.Instances);
            json.WriteStartArray("exports");
            foreach (var planned in result.Exports)
            {
                json.WriteStartObject();
                json.WriteString("ExporterID", planned.Exporter.ExporterId);
                json.WriteString("entity", planned.Entity);
                json.WriteString("SeriesInstanceUID", planned.SeriesUid);
                json.WriteString("SOPInstanceUID", planned.SopUid);
                json.WriteString("queue", planned.Exporter.QueueName);
                json.WriteString("remoteAET", planned.Exporter.DestinationAETitle);
                json.WriteString("scheduledTime", TaskJson.Time(planned.ScheduledTime));
                json.WriteNumber("instances", planned.Instances);
                json.WriteStartArray("rules");
                foreach (var rule in planned.Rules)
                {
                    json.WriteStringValue(rule);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
