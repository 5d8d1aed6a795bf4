using System.Data.Common;
using System.Threading.Channels;
using Cairn.Archive.Configuration;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Index;

/// <summary>
/// Records received instances. One writer loop owns all index writes: SQLite has one writer anyway, and instances
/// arriving at the same time on several associations are committed together in one transaction (group commit), so
/// that ten senders cost one disk flush, not ten. Each caller learns its own outcome once the commit is durable.
/// </summary>
public sealed partial class IndexWriter : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly IndexDatabase _database;
    private readonly ILogger _logger;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public IndexWriter(IndexDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Records <paramref name="instance"/> under <paramref name="policy"/>; completes once committed. When not
    /// <paramref name="durable"/> (dcmStorageFsync false: the object's file is not flushed either), the commit survives
    /// the archive's crash but is not flushed to the disk: a durable row naming a file a power cut may lose buys nothing.
    /// </summary>
    public Task<StoreOutcome> StoreAsync(ReceivedInstance instance, OverwritePolicy policy, bool durable, CancellationToken cancellationToken)
    {
        var work = new Work(instance, policy, durable);
        if (!_queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(nameof(IndexWriter), "the index writer has stopped");
        }

        return work.Result.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Work>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            try
            {
                var outcomes = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad instance must not fail the others: commit them one by one.
                LogBatchRetried(batch.Count, e.Message);
                foreach (var work in batch)
                {
                    try
                    {
                        work.Result.TrySetResult((await CommitAsync([work]).ConfigureAwait(false))[0]);
                    }
                    catch (Exception single)
                    {
                        work.Result.TrySetException(single);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Result.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private async Task<StoreOutcome[]> CommitAsync(List<Work> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        var durable = batch.Exists(w => w.Durable);
        if (!durable && _database.Provider == DatabaseProvider.Sqlite)
        {
            // Per connection, and OpenAsync sets FULL on every open: this lasts for this commit only.
            await using var relaxed = connection.CreateCommand();
            relaxed.CommandText = "PRAGMA synchronous=NORMAL";
            await relaxed.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        if (!durable && _database.Provider == DatabaseProvider.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: transaction)).ConfigureAwait(false);
        }

        var outcomes = new StoreOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = await ApplyAsync(connection, transaction, batch[i].Instance, batch[i].Policy).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<StoreOutcome> ApplyAsync(DbConnection connection, DbTransaction transaction, ReceivedInstance instance, OverwritePolicy policy)
    {
        string? obsolete = null;
        var existing = await connection.QuerySingleOrDefaultAsync<ExistingInstance>(new CommandDefinition(
            "SELECT pk AS Pk, series_fk AS SeriesPk, storage_path AS StoragePath, sending_aet AS SendingAETitle FROM instance WHERE sop_iuid = @SopInstanceUid",
            instance, transaction)).ConfigureAwait(false);
        if (existing is not null)
        {
            var replace = policy == OverwritePolicy.Always
                || (policy == OverwritePolicy.SameSource && existing.SendingAETitle == instance.SendingAETitle);
            if (!replace)
            {
                return new StoreOutcome(StoreDisposition.Duplicate);
            }

            await IndexRemoval.RemoveInstanceAsync(connection, transaction, existing.Pk, instance.Received).ConfigureAwait(false);
            obsolete = existing.StoragePath;
        }

        var now = IndexTime.Format(instance.Received);
        var patientPk = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT pk FROM patient WHERE patient_key = @PatientKey", instance, transaction)).ConfigureAwait(false)
            ?? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO patient (patient_key, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, num_studies, attributes, created_time, updated_time)
                VALUES (@PatientKey, @PatientId, @IssuerOfPatientId, @PatientName, @norm, @PatientBirthDate, @PatientSex, 0, @PatientAttributes, @now, @now)
                RETURNING pk
                """,
                new { instance.PatientKey, instance.PatientId, instance.IssuerOfPatientId, instance.PatientName, norm = Normalize(instance.PatientName), instance.PatientBirthDate, instance.PatientSex, instance.PatientAttributes, now },
                transaction)).ConfigureAwait(false);

        var study = await connection.QuerySingleOrDefaultAsync<ExistingLevel>(new CommandDefinition(
            "SELECT pk AS Pk, modalities AS Modalities, sop_classes AS SopClasses FROM study WHERE study_iuid = @StudyInstanceUid", instance, transaction)).ConfigureAwait(false);
        if (study is null)
        {
            var pk = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO study (patient_fk, study_iuid, study_date, study_time, accession_no, study_id, study_desc, ref_physician_norm, modalities, sop_classes, num_series, num_instances, size_bytes, attributes, created_time, updated_time)
                VALUES (@patientPk, @StudyInstanceUid, @StudyDate, @StudyTime, @AccessionNumber, @StudyId, @StudyDescription, @physician, '', '', 0, 0, 0, @StudyAttributes, @now, @now)
                RETURNING pk
                """,
                new { patientPk, instance.StudyInstanceUid, instance.StudyDate, instance.StudyTime, instance.AccessionNumber, instance.StudyId, instance.StudyDescription, physician = Normalize(instance.ReferringPhysicianName), instance.StudyAttributes, now },
                transaction)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE patient SET num_studies = num_studies + 1, updated_time = @now WHERE pk = @patientPk", new { patientPk, now }, transaction)).ConfigureAwait(false);
            study = new ExistingLevel { Pk = pk, Modalities = "", SopClasses = "" };
        }

        var seriesPk = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT pk FROM series WHERE series_iuid = @SeriesInstanceUid", instance, transaction)).ConfigureAwait(false);
        var newSeries = seriesPk is null;
        seriesPk ??= await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO series (study_fk, series_iuid, modality, series_no, series_desc, body_part, institution, station_name, pps_start_date, pps_start_time, sending_aet, receiving_aet, sending_host, num_instances, size_bytes, attributes, created_time, updated_time)
            VALUES (@studyPk, @SeriesInstanceUid, @Modality, @SeriesNumber, @SeriesDescription, @BodyPartExamined, @InstitutionName, @StationName, @PerformedProcedureStepStartDate, @PerformedProcedureStepStartTime, @SendingAETitle, @ReceivingAETitle, @SendingHost, 0, 0, @SeriesAttributes, @now, @now)
            RETURNING pk
            """,
            new
            {
                studyPk = study.Pk, instance.SeriesInstanceUid, instance.Modality, instance.SeriesNumber, instance.SeriesDescription, instance.BodyPartExamined,
                instance.InstitutionName, instance.StationName, instance.PerformedProcedureStepStartDate, instance.PerformedProcedureStepStartTime,
                instance.SendingAETitle, instance.ReceivingAETitle, instance.SendingHost, instance.SeriesAttributes, now,
            },
            transaction)).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO instance (series_fk, sop_iuid, sop_cuid, instance_no, content_date, content_time, transfer_syntax, retrieve_aets, availability, storage_path, size_bytes, digest, sending_aet, receiving_aet, attributes, received_time, updated_time)
            VALUES (@seriesPk, @SopInstanceUid, @SopClassUid, @InstanceNumber, @ContentDate, @ContentTime, @TransferSyntaxUid, @RetrieveAETitles, 'ONLINE', @StoragePath, @Size, @Digest, @SendingAETitle, @ReceivingAETitle, @InstanceAttributes, @now, @now)
            """,
            new
            {
                seriesPk, instance.SopInstanceUid, instance.SopClassUid, instance.InstanceNumber, instance.ContentDate, instance.ContentTime, instance.TransferSyntaxUid,
                instance.RetrieveAETitles, instance.StoragePath, instance.Size, instance.Digest, instance.SendingAETitle, instance.ReceivingAETitle, instance.InstanceAttributes, now,
            },
            transaction)).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE series SET num_instances = num_instances + 1, size_bytes = size_bytes + @Size, updated_time = @now WHERE pk = @seriesPk",
            new { instance.Size, now, seriesPk }, transaction)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE study SET num_instances = num_instances + 1, num_series = num_series + @addSeries, size_bytes = size_bytes + @Size,
                modalities = @modalities, sop_classes = @sopClasses, updated_time = @now
            WHERE pk = @studyPk
            """,
            new
            {
                addSeries = newSeries ? 1 : 0, instance.Size, now, studyPk = study.Pk,
                modalities = MultiValue.Add(study.Modalities, instance.Modality), sopClasses = MultiValue.Add(study.SopClasses, instance.SopClassUid),
            },
            transaction)).ConfigureAwait(false);

        return new StoreOutcome(obsolete is null ? StoreDisposition.Stored : StoreDisposition.Replaced, obsolete);
    }

    /// <summary>Names as matching compares them: upper case, so that a query matches whatever case was sent.</summary>
    internal static string Normalize(string name) => name.ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing {Count} instances together failed ({Reason}); committing them one by one")]
    private partial void LogBatchRetried(int count, string reason);

    private sealed record Work(ReceivedInstance Instance, OverwritePolicy Policy, bool Durable)
    {
        public TaskCompletionSource<StoreOutcome> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
