using System.Data.Common;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Dapper;

namespace Cairn.Archive.Ian;

/// <summary>
/// IAN tasks: the IAN of a study built from the index (every series, every instance stored, as the spec's section 3
/// says), with the exporter's Retrieve AE Titles (or the instances' own), availability and Retrieve Location UID;
/// one task per destination on queue IANSCU, each under a fresh SOP Instance UID.
/// </summary>
public static class IanTasks
{
    public const string Type = "IAN";
    public const string Queue = "IANSCU";

    /// <summary>
    /// Queues one IAN task per IAN destination of <paramref name="exporter"/> for <paramref name="studyUid"/>, inside the
    /// caller's transaction; none when the study has no instances.
    /// </summary>
    public static async Task<IReadOnlyList<QueueTask>> QueueAsync(
        DbConnection connection,
        DbTransaction transaction,
        TaskStore tasks,
        ExporterDescriptor exporter,
        string studyUid,
        long? causedBy,
        NewTask? template,
        CancellationToken cancellationToken)
    {
        var ian = await BuildAsync(connection, transaction, studyUid, exporter.RetrieveAETitles, exporter.InstanceAvailability, exporter.RetrieveLocationUid, cancellationToken).ConfigureAwait(false);
        if (ian is null)
        {
            return [];
        }

        var payload = DicomDatasetSerializer.Encode(ian.Value.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var created = new List<QueueTask>();
        foreach (var destination in exporter.IanDestinations)
        {
            created.Add(await tasks.CreateAsync(
                connection,
                transaction,
                new NewTask
                {
                    Queue = Queue,
                    Type = Type,
                    LocalAET = exporter.AETitle,
                    RemoteAET = destination,
                    StudyInstanceUid = studyUid,
                    SopInstanceUid = DicomUidGenerator.New(),
                    NumberOfInstances = ian.Value.Instances,
                    CausedByTaskId = causedBy,
                    Payload = payload,
                    BatchId = template?.BatchId,
                    RequesterUserId = template?.RequesterUserId,
                    RequesterHost = template?.RequesterHost,
                    RequestUri = template?.RequestUri,
                },
                cancellationToken).ConfigureAwait(false));
        }

        return created;
    }

    /// <summary>The IAN of a study as the index has it now, with how many instances it names; null when it has none.</summary>
    public static Task<(DicomDataset Dataset, int Instances)?> BuildAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string studyUid,
        IReadOnlyList<string> retrieveAETitles,
        string availability,
        string? retrieveLocationUid,
        CancellationToken cancellationToken) =>
        BuildAsync(connection, transaction, new IanScope(studyUid), retrieveAETitles, availability, retrieveLocationUid, cancellationToken);

    /// <summary>
    /// The IAN of a study, series or instance as the index has it now, with how many instances it names; null when it
    /// has none. Without <paramref name="retrieveAETitles"/> each instance names its own stored Retrieve AE Titles; without
    /// <paramref name="availability"/>, its own stored availability (IAN-RS: no exporter overrides).
    /// </summary>
    public static async Task<(DicomDataset Dataset, int Instances)?> BuildAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IanScope scope,
        IReadOnlyList<string> retrieveAETitles,
        string? availability,
        string? retrieveLocationUid,
        CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Series, string SopClass, string Sop, string RetrieveAets, string Availability)>(new CommandDefinition(
            $"""
            SELECT s.series_iuid, i.sop_cuid, i.sop_iuid, i.retrieve_aets, i.availability
            FROM instance i JOIN series s ON i.series_fk = s.pk JOIN study st ON s.study_fk = st.pk
            WHERE st.study_iuid = @study{(scope.Series is null ? "" : " AND s.series_iuid = @series")}{(scope.Sop is null ? "" : " AND i.sop_iuid = @sop")}
            ORDER BY s.pk, i.pk
            """,
            new { study = scope.Study, series = scope.Series, sop = scope.Sop },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var dataset = InstanceAvailabilityNotification.Build(
            scope.Study,
            rows.Select(r => new AvailableInstance(r.Series, r.SopClass, r.Sop)),
            retrieveAETitles.Count > 0 ? retrieveAETitles : ["-"],
            availability ?? InstanceAvailabilityNotification.Online,
            retrieveLocationUid);
        if (retrieveAETitles.Count == 0 || availability is null)
        {
            // Each instance says where it can be retrieved and how available it is, as stored.
            var stored = rows.ToDictionary(r => r.Sop, StringComparer.Ordinal);
            foreach (var sop in dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items.SelectMany(s => s.GetSequence(DicomTags.ReferencedSOPSequence)!.Items))
            {
                var row = stored[sop.GetString(DicomTags.ReferencedSOPInstanceUID)!];
                if (retrieveAETitles.Count == 0)
                {
                    sop.Remove(DicomTags.RetrieveAETitle);
                    sop.Add(DicomTags.RetrieveAETitle, row.RetrieveAets.Split('\\', StringSplitOptions.RemoveEmptyEntries));
                }

                if (availability is null)
                {
                    sop.Remove(DicomTags.InstanceAvailability);
                    sop.Add(DicomTags.InstanceAvailability, row.Availability);
                }
            }
        }

        return (dataset, rows.Count);
    }
}
