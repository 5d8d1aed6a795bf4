using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Index;
using Cairn.Archive.Store;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Server.Tasks;
using Dapper;

namespace Cairn.Server.Endpoints;

/// <summary>
/// A dry run of the export rules: <c>GET /dcm4chee-arc/aets/{AET}/rs/studies/{StudyUID}/export-rules</c> answers which
/// rules would send the stored study's instances to which exporters, at which level and when, as if each instance
/// arrived now from the AE that sent it (its index attributes and the stored sending and receiving AE). Nothing is
/// scheduled. Matches of one exporter and scope are merged as the scheduler merges them: the latest time wins.
/// </summary>
public static class ExportRulesEndpoints
{
    public static IEndpointRouteBuilder MapExportRulesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcm4chee-arc/aets/{aet}/rs/studies/{study}/export-rules", DryRunAsync);
        return app;
    }

    private static async Task<IResult> DryRunAsync(string aet, string study, HttpContext http, ConfigurationStore configuration, IndexDatabase database, ExportScheduler scheduler, TimeProvider time)
    {
        if (configuration.Current.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
        }

        if (DicomValueValidator.CheckUid(study) is { } problem)
        {
            return ConfigurationEndpoints.BadRequest($"StudyInstanceUID: '{study}' {problem}");
        }

        var cancellationToken = http.RequestAborted;
        List<StoredRow> rows;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<StoredRow>(new CommandDefinition(
                """
                SELECT s.series_iuid AS SeriesUid, i.sop_iuid AS SopUid, i.sending_aet AS SendingAet, i.receiving_aet AS ReceivingAet, s.sending_host AS SendingHost,
                       i.attributes AS InstanceAttributes, s.attributes AS SeriesAttributes, st.attributes AS StudyAttributes, p.attributes AS PatientAttributes
                FROM instance i JOIN series s ON i.series_fk = s.pk JOIN study st ON s.study_fk = st.pk JOIN patient p ON st.patient_fk = p.pk
                WHERE st.study_iuid = @study
                ORDER BY s.pk, i.pk
                """,
                new { study },
                cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        if (rows.Count == 0)
        {
            return ConfigurationEndpoints.NotFound($"No such study: {study}");
        }

        var now = time.GetUtcNow();
        var exports = new Dictionary<(string Exporter, string Series, string Sop), Planned>();
        foreach (var row in rows)
        {
            var stored = new StoredObject(
                Merge(row.InstanceAttributes, row.SeriesAttributes, row.StudyAttributes, row.PatientAttributes),
                new ReceivedContext(row.SendingAet, row.ReceivingAet, row.SendingHost, ""),
                study,
                row.SeriesUid,
                row.SopUid,
                StoreDisposition.Stored);
            foreach (var match in scheduler.Evaluate(stored, now))
            {
                var key = (match.Exporter.ExporterId, match.Entity == "Study" ? "*" : row.SeriesUid, match.Entity == "Instance" ? row.SopUid : "*");
                exports[key] = exports.TryGetValue(key, out var planned)
                    ? planned with { Instances = planned.Instances + 1, ScheduledTime = match.ScheduledTime > planned.ScheduledTime ? match.ScheduledTime : planned.ScheduledTime, Rules = planned.Rules.Add(match.RuleName) }
                    : new Planned(match, 1, match.ScheduledTime, [match.RuleName]);
            }
        }

        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("StudyInstanceUID", study);
            json.WriteNumber("instances", rows.Count);
            json.WriteStartArray("exports");
            foreach (var ((exporterId, series, sop), planned) in exports)
            {
                json.WriteStartObject();
                json.WriteString("ExporterID", exporterId);
                json.WriteString("entity", planned.Match.Entity);
                json.WriteString("SeriesInstanceUID", series);
                json.WriteString("SOPInstanceUID", sop);
                json.WriteString("queue", planned.Match.Exporter.QueueName);
                json.WriteString("remoteAET", planned.Match.Exporter.DestinationAETitle);
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

    // The levels' stored attributes as one data set, the instance's own taking precedence.
    private static DicomDataset Merge(params byte[]?[] blobs)
    {
        var merged = new DicomDataset();
        foreach (var blob in blobs)
        {
            if (blob is null)
            {
                continue;
            }

            var level = DicomDatasetSerializer.Decode(blob, DicomTransferSyntax.ExplicitVRLittleEndian);
            foreach (var element in level.ToList())
            {
                if (!merged.Contains(element.Tag))
                {
                    level.Remove(element.Tag);
                    merged.Set(element);
                }
            }
        }

        return merged;
    }

    private sealed record Planned(ExportMatch Match, int Instances, DateTimeOffset ScheduledTime, System.Collections.Immutable.ImmutableSortedSet<string> Rules);

    private sealed record StoredRow(string SeriesUid, string SopUid, string SendingAet, string ReceivingAet, string SendingHost, byte[] InstanceAttributes, byte[] SeriesAttributes, byte[] StudyAttributes, byte[]? PatientAttributes);
}
