using System.Collections.Immutable;
using Cairn.Archive.Index;
using Cairn.Archive.Store;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Dapper;

namespace Cairn.Archive.Export;

/// <summary>
/// A dry run of the export rules on a stored study: which rules would send its instances to which exporters, at which
/// level and when, as if each instance arrived now from the AE that sent it (its index attributes and the stored
/// sending and receiving AE). Nothing is scheduled. Matches of one exporter and scope are merged as the scheduler
/// merges them: the latest time wins. The hosts are those the series' first instance came from and arrived on. The REST dry run and the export rules page both ask this. Stored instances
/// replace nothing, so a rule's ExportPreviousEntity, which acts on replacements, adds no export here.
/// </summary>
public sealed class ExportDryRun(IndexDatabase database, ExportScheduler scheduler, TimeProvider time)
{
    /// <summary>The planned exports of the study and its number of instances; null when the study is not stored.</summary>
    public async Task<(int Instances, IReadOnlyList<PlannedExport> Exports)?> RunAsync(string studyUid, CancellationToken cancellationToken)
    {
        List<StoredRow> rows;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = [.. await connection.QueryAsync<StoredRow>(new CommandDefinition(
                """
                SELECT s.series_iuid AS SeriesUid, i.sop_iuid AS SopUid, i.sending_aet AS SendingAet, i.receiving_aet AS ReceivingAet, s.sending_host AS SendingHost, s.receiving_host AS ReceivingHost,
                       i.attributes AS InstanceAttributes, s.attributes AS SeriesAttributes, st.attributes AS StudyAttributes, p.attributes AS PatientAttributes
                FROM instance i JOIN series s ON i.series_fk = s.pk JOIN study st ON s.study_fk = st.pk JOIN patient p ON st.patient_fk = p.pk
                WHERE st.study_iuid = @study
                ORDER BY s.pk, i.pk
                """,
                new { study = studyUid },
                cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var exports = new Dictionary<(string Exporter, string Series, string Sop), PlannedExport>();
        foreach (var row in rows)
        {
            var stored = new StoredObject(
                Merge(row.InstanceAttributes, row.SeriesAttributes, row.StudyAttributes, row.PatientAttributes),
                new ReceivedContext(row.SendingAet, row.ReceivingAet, row.SendingHost, row.ReceivingHost),
                studyUid,
                row.SeriesUid,
                row.SopUid,
                StoreDisposition.Stored);
            foreach (var match in scheduler.Evaluate(stored, now))
            {
                var key = (match.Exporter.ExporterId, match.Entity == "Study" ? "*" : row.SeriesUid, match.Entity == "Instance" ? row.SopUid : "*");
                exports[key] = exports.TryGetValue(key, out var planned)
                    ? planned with
                    {
                        Instances = planned.Instances + 1,
                        ScheduledTime = match.ScheduledTime > planned.ScheduledTime ? match.ScheduledTime : planned.ScheduledTime,
                        Rules = planned.Rules.Add(match.RuleName),
                    }
                    : new PlannedExport(match.Exporter, match.Entity, key.Item2, key.Item3, match.ScheduledTime, 1, ImmutableSortedSet.Create(StringComparer.Ordinal, match.RuleName));
            }
        }

        return (rows.Count, [.. exports.Values]);
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

    private sealed record StoredRow(string SeriesUid, string SopUid, string SendingAet, string ReceivingAet, string SendingHost, string ReceivingHost, byte[] InstanceAttributes, byte[] SeriesAttributes, byte[] StudyAttributes, byte[]? PatientAttributes);
}
