using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Cairn.Archive.Configuration;
using Cairn.Archive.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Index;

/// <summary>
/// Records received instances. One writer loop owns all index writes: SQLite has one writer anyway, and instances
/// arriving at the same time on several associations are committed together in one transaction (group commit), so
/// that ten senders cost one disk flush, not ten. Before a durable commit, the folders its files were renamed into are
/// flushed, each once for the whole batch. Each caller learns its own outcome once the commit is durable.
/// </summary>
public sealed partial class IndexWriter : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly IndexDatabase _database;
    private readonly ILogger _logger;
    private readonly Action<string> _flushFolder;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    // Owned by the writer loop: one connection with its statements, kept open between batches.
    private InstanceIndexCommands? _commands;

    public IndexWriter(IndexDatabase database, ILogger logger)
        : this(database, logger, DirectorySync.Flush)
    {
    }

    /// <summary>For tests: <paramref name="flushFolder"/> replaces the folder flush done before each durable commit.</summary>
    internal IndexWriter(IndexDatabase database, ILogger logger, Action<string> flushFolder)
    {
        _database = database;
        _logger = logger;
        _flushFolder = flushFolder;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Records <paramref name="instance"/> under <paramref name="policy"/>; completes once committed. When
    /// <paramref name="durable"/>, <paramref name="folder"/> (the folder the object's file was just renamed into) is
    /// flushed before the commit, once for all the instances of the batch that share it, so that the file's name is as
    /// durable as the row naming it. When not <paramref name="durable"/> (dcmStorageFsync false: the object's file is
    /// not flushed either), the commit survives the archive's crash but is not flushed to the disk: a durable row
    /// naming a file a power cut may lose buys nothing.
    /// </summary>
    public Task<StoreOutcome> StoreAsync(ReceivedInstance instance, OverwritePolicy policy, bool durable, string? folder, CancellationToken cancellationToken)
    {
        var work = new Work(instance, policy, durable, durable ? folder : null);
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
        if (_commands is not null)
        {
            await _commands.DisposeAsync().ConfigureAwait(false);
            _commands = null;
        }
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
        try
        {
            _commands ??= await InstanceIndexCommands.OpenAsync(_database, CancellationToken.None).ConfigureAwait(false);
            return await CommitAsync(_commands, batch).ConfigureAwait(false);
        }
        catch
        {
            // The next batch starts again on a new connection, whatever state this one was left in.
            if (_commands is not null)
            {
                await _commands.DisposeAsync().ConfigureAwait(false);
                _commands = null;
            }

            throw;
        }
    }

    private async Task<StoreOutcome[]> CommitAsync(InstanceIndexCommands commands, List<Work> batch)
    {
        // The new names first, each folder once for the whole batch: a committed row must never name a file that a
        // power cut can lose.
        HashSet<string>? flushed = null;
        foreach (var work in batch)
        {
            if (work.Folder is { } folder && (flushed ??= new(StringComparer.Ordinal)).Add(folder))
            {
                _flushFolder(folder);
            }
        }

        var connection = commands.Connection;
        var durable = batch.Exists(w => w.Durable);
        if (_database.Provider == DatabaseProvider.Sqlite && commands.SynchronousFull != durable)
        {
            // Per connection, outside the transaction; the connection stays open, so it is changed only when the
            // batch's durability differs from the last one's.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
            commands.SynchronousFull = durable;
        }

        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        commands.Use(transaction);
        if (!durable && _database.Provider == DatabaseProvider.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: transaction)).ConfigureAwait(false);
        }

        var outcomes = new StoreOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = await ApplyAsync(commands, transaction, batch[i].Instance, batch[i].Policy).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<StoreOutcome> ApplyAsync(InstanceIndexCommands commands, DbTransaction transaction, ReceivedInstance instance, OverwritePolicy policy)
    {
        var connection = commands.Connection;
        string? obsolete = null;
        long existingPk = 0;
        string? existingPath = null;
        string? existingSender = null;
        string? existingSeries = null;
        string? existingStudy = null;
        await using (var reader = await Bind(commands.SelectInstance, instance.SopInstanceUid).ExecuteReaderAsync().ConfigureAwait(false))
        {
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                existingPk = reader.GetInt64(0);
                existingPath = reader.GetString(1);
                existingSender = reader.IsDBNull(2) ? null : reader.GetString(2);
                existingSeries = reader.GetString(3);
                existingStudy = reader.GetString(4);
            }
        }

        if (existingPath is not null)
        {
            var replace = policy == OverwritePolicy.Always
                || (policy == OverwritePolicy.SameSource && existingSender == instance.SendingAETitle);
            if (!replace)
            {
                return new StoreOutcome(StoreDisposition.Duplicate);
            }

            await IndexRemoval.RemoveInstanceAsync(connection, transaction, existingPk, instance.Received).ConfigureAwait(false);
            obsolete = existingPath;
        }

        var now = IndexTime.Format(instance.Received);
        long? studyPk = null;
        long? seriesPk = null;
        var modalities = "";
        var sopClasses = "";

        // Most instances join a series that exists: one statement finds it with its study, and the patient and the
        // study need no look-up of their own.
        await using (var reader = await Bind(commands.SelectSeriesInStudy, instance.SeriesInstanceUid, instance.StudyInstanceUid).ExecuteReaderAsync().ConfigureAwait(false))
        {
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                seriesPk = reader.GetInt64(0);
                studyPk = reader.GetInt64(1);
                modalities = reader.GetString(2);
                sopClasses = reader.GetString(3);
            }
        }

        var newSeries = false;
        if (seriesPk is null)
        {
            var patientPk = await ScalarAsync(Bind(commands.SelectPatient, instance.PatientKey)).ConfigureAwait(false)
                ?? await PkAsync(Bind(
                    commands.InsertPatient,
                    instance.PatientKey, instance.PatientId, instance.IssuerOfPatientId, instance.PatientName, Normalize(instance.PatientName), instance.PatientBirthDate,
                    instance.PatientSex, instance.PatientAttributes.Value, now)).ConfigureAwait(false);

            await using (var reader = await Bind(commands.SelectStudy, instance.StudyInstanceUid).ExecuteReaderAsync().ConfigureAwait(false))
            {
                if (await reader.ReadAsync().ConfigureAwait(false))
                {
                    studyPk = reader.GetInt64(0);
                    modalities = reader.GetString(1);
                    sopClasses = reader.GetString(2);
                }
            }

            if (studyPk is null)
            {
                studyPk = await PkAsync(Bind(
                    commands.InsertStudy,
                    patientPk, instance.StudyInstanceUid, instance.StudyDate, instance.StudyTime, instance.AccessionNumber, instance.StudyId, instance.StudyDescription,
                    Normalize(instance.ReferringPhysicianName), instance.StudyAttributes.Value, now)).ConfigureAwait(false);
                await Bind(commands.CountStudy, now, patientPk).ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            // A series of this UID in another study (a sender's error) is joined as before, not made twice.
            seriesPk = await ScalarAsync(Bind(commands.SelectSeries, instance.SeriesInstanceUid)).ConfigureAwait(false);
            newSeries = seriesPk is null;
            seriesPk ??= await PkAsync(Bind(
                commands.InsertSeries,
                studyPk, instance.SeriesInstanceUid, instance.Modality, instance.SeriesNumber, instance.SeriesDescription, instance.BodyPartExamined,
                instance.InstitutionName, instance.StationName, instance.PerformedProcedureStepStartDate, instance.PerformedProcedureStepStartTime,
                instance.SendingAETitle, instance.ReceivingAETitle, instance.SendingHost, instance.ReceivingHost, instance.SeriesAttributes.Value, now)).ConfigureAwait(false);
        }

        await Bind(
            commands.InsertInstance,
            seriesPk, instance.SopInstanceUid, instance.SopClassUid, instance.InstanceNumber, instance.ContentDate, instance.ContentTime, instance.TransferSyntaxUid,
            instance.RetrieveAETitles, instance.StoragePath, instance.Size, instance.Digest, instance.SendingAETitle, instance.ReceivingAETitle, instance.InstanceAttributes, now)
            .ExecuteNonQueryAsync().ConfigureAwait(false);
        await Bind(commands.CountInstanceInSeries, instance.Size, now, seriesPk).ExecuteNonQueryAsync().ConfigureAwait(false);
        await Bind(
            commands.CountInstanceInStudy,
            newSeries ? 1 : 0, instance.Size, MultiValue.Add(modalities, instance.Modality), MultiValue.Add(sopClasses, instance.SopClassUid), now, studyPk)
            .ExecuteNonQueryAsync().ConfigureAwait(false);

        return obsolete is null
            ? new StoreOutcome(StoreDisposition.Stored)
            : new StoreOutcome(StoreDisposition.Replaced, obsolete, existingStudy, existingSeries);
    }

    /// <summary>Sets the parameters of <paramref name="command"/>, in the order they were named; null is SQL NULL.</summary>
    private static DbCommand Bind(DbCommand command, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    private static async Task<long?> ScalarAsync(DbCommand command) =>
        await command.ExecuteScalarAsync().ConfigureAwait(false) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    private static async Task<long> PkAsync(DbCommand command) =>
        await ScalarAsync(command).ConfigureAwait(false) ?? throw new InvalidOperationException("an INSERT ... RETURNING pk returned no row");

    /// <summary>Names as matching compares them: upper case, so that a query matches whatever case was sent.</summary>
    internal static string Normalize(string name) => name.ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing {Count} instances together failed ({Reason}); committing them one by one")]
    private partial void LogBatchRetried(int count, string reason);

    private sealed record Work(ReceivedInstance Instance, OverwritePolicy Policy, bool Durable, string? Folder)
    {
        public TaskCompletionSource<StoreOutcome> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
