using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Archive.Tests;

/// <summary>
/// The index writer's group commit with the durability it promises: the folders of a durable batch are flushed, each
/// once, before the batch's rows are committed and before any caller learns its outcome; a caller that arrives while
/// another commits is taken by the next batch.
/// </summary>
public abstract class IndexWriterTests
{
    private readonly IndexBackend _backend;

    protected IndexWriterTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task ABatchFlushesEachOfItsFoldersOnceBeforeItsRowsAreCommittedAndBeforeAnyCallerIsAnswered()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        var flushes = new List<(string Folder, long RowsCommitted, int CallersAnswered)>();
        var firstFlushEntered = new SemaphoreSlim(0);
        using var releaseFirstFlush = new ManualResetEventSlim();
        var second = new List<Task<StoreOutcome>>();
        await using var writer = new IndexWriter(database, NullLogger.Instance, flushed =>
        {
            // Runs on the writer's thread before its transaction: what is committed and answered now must not
            // include the batch being flushed.
            flushes.Add((flushed, CountInstances(database), second.Count(t => t.IsCompleted)));
            if (flushes.Count == 1)
            {
                firstFlushEntered.Release();
                releaseFirstFlush.Wait(TimeSpan.FromSeconds(30));
            }
        });

        // The first store commits alone and is held in its folder flush while five more queue up behind it.
        var first = Task.Run(() => writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, "/a", CancellationToken.None));
        Assert.True(await firstFlushEntered.WaitAsync(TimeSpan.FromSeconds(30)), "the first store never reached its folder flush");
        foreach (var name in new[] { "/b", "/b", "/c", "/b", "/c" })
        {
            second.Add(writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, name, CancellationToken.None));
        }

        Assert.All(second, t => Assert.False(t.IsCompleted));
        releaseFirstFlush.Set();
        Assert.Equal(StoreDisposition.Stored, (await first).Disposition);
        Assert.All(await Task.WhenAll(second), o => Assert.Equal(StoreDisposition.Stored, o.Disposition));

        // One flush for the first batch, then one per distinct folder of the second, all before their commits.
        Assert.Equal([("/a", 0L, 0), ("/b", 1L, 0), ("/c", 1L, 0)], flushes);
        Assert.Equal(6, CountInstances(database));
    }

    [Fact]
    public async Task WithoutFsyncNoFolderIsFlushed()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        var flushes = 0;
        await using var writer = new IndexWriter(database, NullLogger.Instance, _ => flushes++);

        var outcome = await writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: false, "/a", CancellationToken.None);

        Assert.Equal(StoreDisposition.Stored, outcome.Disposition);
        Assert.Equal(0, flushes);
        Assert.Equal(1, CountInstances(database));
    }

    [Fact]
    public async Task AFolderThatCannotBeFlushedFailsOnlyTheInstancesInItAndNothingOfThemIsCommitted()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        var firstFlushEntered = new SemaphoreSlim(0);
        using var releaseFirstFlush = new ManualResetEventSlim();
        var calls = 0;
        await using var writer = new IndexWriter(database, NullLogger.Instance, flushed =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstFlushEntered.Release();
                releaseFirstFlush.Wait(TimeSpan.FromSeconds(30));
            }

            if (flushed == "/broken")
            {
                throw new IOException("flush refused");
            }
        });

        var first = Task.Run(() => writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, "/a", CancellationToken.None));
        Assert.True(await firstFlushEntered.WaitAsync(TimeSpan.FromSeconds(30)), "the first store never reached its folder flush");
        var good = writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, "/a", CancellationToken.None);
        var bad = writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, "/broken", CancellationToken.None);
        releaseFirstFlush.Set();

        Assert.Equal(StoreDisposition.Stored, (await first).Disposition);
        Assert.Equal(StoreDisposition.Stored, (await good).Disposition);
        Assert.Equal("flush refused", (await Assert.ThrowsAsync<IOException>(() => bad)).Message);
        Assert.Equal(2, CountInstances(database));
    }

    [Fact]
    public async Task ManyCallersAtOnceAreAllCommittedAndAnsweredAndDisposeCommitsWhatIsLeft()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        var writer = new IndexWriter(database, NullLogger.Instance, _ => { });
        var stores = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: i % 2 == 0, $"/f{i % 3}", CancellationToken.None)))
            .ToArray();
        Assert.All(await Task.WhenAll(stores), o => Assert.Equal(StoreDisposition.Stored, o.Disposition));

        // A caller that stops waiting leaves its instance queued: it is committed all the same, at the latest on dispose.
        using (var canceled = new CancellationTokenSource())
        {
            var held = new SemaphoreSlim(0);
            using var release = new ManualResetEventSlim();
            var blocking = new IndexWriter(database, NullLogger.Instance, _ =>
            {
                held.Release();
                release.Wait(TimeSpan.FromSeconds(30));
            });
            var leader = Task.Run(() => blocking.StoreAsync(Instance(), OverwritePolicy.Never, durable: true, "/x", CancellationToken.None));
            Assert.True(await held.WaitAsync(TimeSpan.FromSeconds(30)));
            var waiting = blocking.StoreAsync(Instance(), OverwritePolicy.Never, durable: false, "/x", canceled.Token);
            await canceled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            release.Set();
            await leader;
            await blocking.DisposeAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => blocking.StoreAsync(Instance(), OverwritePolicy.Never, durable: false, "/x", CancellationToken.None));
        }

        await writer.DisposeAsync();
        Assert.Equal(202, CountInstances(database));
    }

    [Fact]
    public async Task AReplacementReportsTheStudyAndSeriesTheReplacedInstanceSatIn()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        await using var writer = new IndexWriter(database, NullLogger.Instance, _ => { });
        var sop = DicomUidGenerator.New();

        var first = await writer.StoreAsync(Instance(sop, "1.2.3.4", "1.2.3.4.5"), OverwritePolicy.Always, durable: false, "/a", CancellationToken.None);
        var moved = await writer.StoreAsync(Instance(sop, "1.2.3.9", "1.2.3.9.5"), OverwritePolicy.Always, durable: false, "/a", CancellationToken.None);
        var again = await writer.StoreAsync(Instance(sop, "1.2.3.9", "1.2.3.9.5"), OverwritePolicy.Always, durable: false, "/a", CancellationToken.None);
        var kept = await writer.StoreAsync(Instance(sop, "1.2.3.4", "1.2.3.4.5"), OverwritePolicy.Never, durable: false, "/a", CancellationToken.None);

        Assert.Equal(new StoreOutcome(StoreDisposition.Stored), first);
        Assert.Equal(new StoreOutcome(StoreDisposition.Replaced, $"x/{sop}", "1.2.3.4", "1.2.3.4.5"), moved);
        Assert.Equal(new StoreOutcome(StoreDisposition.Replaced, $"x/{sop}", "1.2.3.9", "1.2.3.9.5"), again);
        Assert.Equal(new StoreOutcome(StoreDisposition.Duplicate), kept);
        Assert.Equal(1, CountInstances(database));
    }

    [Fact]
    public async Task InstancesOfOneSeriesShareItsRowsAndASeriesUidFromAnotherStudyJoinsThatSeriesAsBefore()
    {
        using var folder = new TemporaryDirectory();
        await using var database = await OpenAsync(folder.Path);
        await using var writer = new IndexWriter(database, NullLogger.Instance, _ => { });

        for (var i = 0; i < 3; i++)
        {
            await writer.StoreAsync(Instance(), OverwritePolicy.Never, durable: false, "/a", CancellationToken.None);
        }

        // A second patient key on an existing series (the patient ID changed at the sender) makes no patient of its own.
        await writer.StoreAsync(Instance(patientId: "OTHER"), OverwritePolicy.Never, durable: false, "/a", CancellationToken.None);

        // A sender's error: the series UID again, under another study. The study is made, the series joined, not doubled.
        await writer.StoreAsync(Instance(study: "1.2.3.8"), OverwritePolicy.Never, durable: false, "/a", CancellationToken.None);

        using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM patient"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM series"));
        Assert.Equal(5L, connection.ExecuteScalar<long>("SELECT num_instances FROM series"));
        Assert.Equal(
            [(4L, 1L), (1L, 0L)],
            connection.Query<(long Instances, long Series)>("SELECT num_instances, num_series FROM study ORDER BY study_iuid").ToList());
    }

    private async Task<IndexDatabase> OpenAsync(string dataDirectory)
    {
        var database = IndexConsistency.Open(await _backend.NewIndexAsync(dataDirectory));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    private static long CountInstances(IndexDatabase database)
    {
        using var connection = database.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM instance");
    }

    private static ReceivedInstance Instance(string? sopUid = null, string study = "1.2.3.4", string series = "1.2.3.4.5", string patientId = "WRITER")
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        dataset.Add(DicomTags.SOPInstanceUID, sopUid ?? DicomUidGenerator.New());
        dataset.Add(DicomTags.StudyInstanceUID, study);
        dataset.Add(DicomTags.SeriesInstanceUID, series);
        dataset.Add(DicomTags.PatientID, patientId);
        dataset.Add(DicomTags.Modality, "CT");
        var sop = dataset.GetString(DicomTags.SOPInstanceUID)!;
        var receipt = new Receipt("SENDER", "DCM4CHEE", "127.0.0.1", "127.0.0.2", DateTimeOffset.UtcNow, $"x/{sop}", 100, "00");
        return ReceivedInstanceReader.Read(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, receipt);
    }
}
