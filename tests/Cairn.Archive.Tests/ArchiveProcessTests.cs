using System.Diagnostics;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Tests.Support;
using Cairn.Server;

namespace Cairn.Archive.Tests;

/// <summary>
/// The archive as a real process stopped the hard way (kill -9) and the polite way (SIGTERM) while DCMTK's storescu
/// sends: whatever was acknowledged is kept whole, and the index and the storage agree after the restart.
/// </summary>
public abstract class ArchiveProcessTests
{
    private const int Instances = 500;

    private static readonly Dictionary<string, string> DcmtkEnvironment = new(StringComparer.Ordinal) { ["TCP_NODELAY"] = "1" };

    private readonly IndexBackend _backend;

    protected ArchiveProcessTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task AKilledArchiveKeepsEveryInstanceItAcknowledgedWholeAndItsIndexConsistent()
    {
        using var work = new TemporaryDirectory();
        var sent = WriteCopies(work.File("input"), Instances);
        var options = await _backend.NewIndexAsync(work.File("data"));
        HashSet<string> acknowledged;
        await using (var archive = await ArchiveProcess.StartAsync(options))
        {
            await using var scu = StartStoreScu(archive, work.File("input"));
            await scu.WaitForCountAsync(IsSuccess, 200, Peers.Timeout);
            archive.Process.Kill();
            Assert.NotNull(await scu.WaitForExitAsync(Peers.Timeout));
            acknowledged = Acknowledged(scu.Lines, sent);
        }

        Assert.InRange(acknowledged.Count, 200, Instances - 1);
        await using var restarted = await ArchiveProcess.StartAsync(options);
        await CheckAsync(options, sent, acknowledged);
    }

    [Fact]
    public async Task SigtermLetsAssociationsFinishWithinTheGraceThenExitsZeroLeavingNothingHalfWritten()
    {
        using var work = new TemporaryDirectory();
        var sent = WriteCopies(work.File("input"), Instances);
        var options = await _backend.NewIndexAsync(work.File("data"));
        var storage = Path.Combine(options.DataDirectory, "storage");
        HashSet<string> acknowledged;
        await using (var archive = await ArchiveProcess.StartAsync(options))
        {
            // An association that never ends by itself: it must be aborted once the grace is over.
            await using var idle = await new DicomClient().ConnectAsync("127.0.0.1", archive.DicomPort, new AssociationOptions
            {
                CallingAETitle = "IDLE",
                CalledAETitle = TestArchive.AETitle,
                PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            });
            await using var scu = StartStoreScu(archive, work.File("input"));
            await scu.WaitForCountAsync(IsSuccess, 100, Peers.Timeout);
            var stopping = Stopwatch.StartNew();
            await archive.Process.TerminateAsync();
            var exit = await archive.Process.WaitForExitAsync(new ArchiveOptions().StopGrace + TimeSpan.FromSeconds(10));
            var stopped = stopping.Elapsed;
            Assert.True(exit == 0, $"the archive {(exit is null ? "did not stop" : $"exited {exit}")} within {stopped.TotalSeconds:0.0} s:\n{string.Join('\n', archive.Process.Lines.TakeLast(30))}");
            Assert.NotNull(await scu.WaitForExitAsync(Peers.Timeout));
            acknowledged = Acknowledged(scu.Lines, sent);
            var log = archive.Process.Lines;
            Assert.Contains(log, l => l.Contains("IDLE", StringComparison.Ordinal) && l.Contains("server is stopping", StringComparison.Ordinal));
            Assert.DoesNotContain(log, l => l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("Unhandled", StringComparison.Ordinal));
            Assert.Empty(IndexConsistency.Incoming(storage));
        }

        Assert.InRange(acknowledged.Count, 100, Instances);
        await using var restarted = await ArchiveProcess.StartAsync(options);
        await CheckAsync(options, sent, acknowledged);
    }

    private static async Task CheckAsync(ArchiveOptions options, Dictionary<string, string> sent, HashSet<string> acknowledged)
    {
        var storage = Path.Combine(options.DataDirectory, "storage");
        await using var database = IndexConsistency.Open(options);
        var stored = await IndexConsistency.CheckAsync(database, storage);
        Assert.Empty(IndexConsistency.Incoming(storage));
        var lost = acknowledged.Where(sop => !stored.ContainsKey(sop)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged instance(s) are not in the index: {string.Join(", ", lost.Take(5))}");
        foreach (var (sop, path) in stored)
        {
            var original = DicomFile.Open(sent[sop]);
            var copy = DicomFile.Open(Path.Combine(storage, path));
            Assert.Null(DatasetComparer.Difference(WithoutPadding(original.Dataset), WithoutPadding(copy.Dataset)));
        }
    }

    private static RunningProcess StartStoreScu(ArchiveProcess archive, string folder) =>
        RunningProcess.Start(
            "storescu",
            ["-v", "-nh", "-aec", TestArchive.AETitle, "-aet", "STORESCU", "+sd", "+r", "127.0.0.1", archive.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), folder],
            DcmtkEnvironment);

    private static bool IsSuccess(string line) => line.Contains("Received Store Response (Success)", StringComparison.Ordinal);

    // storescu -v says "Sending file: PATH" before each C-STORE-RQ and "Received Store Response (STATUS)" after it.
    private static HashSet<string> Acknowledged(IReadOnlyList<string> lines, Dictionary<string, string> sent)
    {
        var sopOfPath = sent.ToDictionary(s => s.Value, s => s.Key, StringComparer.Ordinal);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines)
        {
            var sending = line.IndexOf("Sending file: ", StringComparison.Ordinal);
            if (sending >= 0)
            {
                current = line[(sending + "Sending file: ".Length)..].Trim();
            }
            else if (IsSuccess(line))
            {
                Assert.NotNull(current);
                acknowledged.Add(sopOfPath[current]);
                current = null;
            }
        }

        return acknowledged;
    }

    /// <summary>Copies of a corpus CT, one study and series, each with a new SOP Instance UID: SOP UID → file.</summary>
    internal static Dictionary<string, string> WriteCopies(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var copy = original.Dataset.Clone();
            var sop = DicomUidGenerator.New();
            copy.Set(new DicomDataset().Add(DicomTags.SOPInstanceUID, sop)[DicomTags.SOPInstanceUID]!);
            var path = Path.Combine(folder, $"{i:D4}.dcm");
            new DicomFile(copy, original.TransferSyntax).Save(path);
            files[sop] = path;
        }

        return files;
    }

    // DCMTK's storescu leaves Data Set Trailing Padding out of what it sends.
    private static DicomDataset WithoutPadding(DicomDataset dataset)
    {
        var copy = dataset.Clone();
        copy.Remove(DicomTags.DataSetTrailingPadding);
        return copy;
    }
}
