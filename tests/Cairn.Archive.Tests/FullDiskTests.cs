using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests;

/// <summary>
/// C-STORE onto a disk that is really full: the archive runs with its storage (or its whole data folder) on a small
/// tmpfs in a mount namespace of its own (the tests run as root, as CI does). A store that cannot be written, moved or
/// recorded is answered Out of Resources (A700) with a comment, leaves no file, and the association goes on.
/// </summary>
public abstract class FullDiskTests
{
    private readonly IndexBackend _backend;

    protected FullDiskTests(IndexBackend backend)
    {
        _backend = backend;
    }

    protected IndexBackend Backend => _backend;

    [Fact]
    public async Task AStoreOntoAFullDiskIsAnsweredOutOfResourcesAndTheSameAssociationStoresOnceThereIsSpace()
    {
        using var work = new TemporaryDirectory();
        var options = await _backend.NewIndexAsync(work.File("data"));
        var objects = Objects(work.File("input"));
        await using var archive = await ArchiveProcess.StartAsync(options, "size=2m");
        var storage = archive.SeenByArchive(Path.Combine(options.DataDirectory, "storage"));
        var filler = Path.Combine(storage, "filler");
        FillBlocks(filler);

        await using var association = await ConnectAsync(archive);
        var full = await StoreAsync(association, objects[0]);
        Assert.Equal(DimseStatus.OutOfResources, full.Status);
        Assert.StartsWith("cannot write the object: ", full.ErrorComment, StringComparison.Ordinal);
        Assert.Empty(IndexConsistency.Incoming(storage));
        Assert.Equal([filler], Directory.GetFiles(storage, "*", SearchOption.AllDirectories));

        File.Delete(filler);
        Assert.Equal(DimseStatus.Success, (await StoreAsync(association, objects[0])).Status);
        await association.ReleaseAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var other = await Peers.DcmtkAsync("storescu", "-aec", TestArchive.AETitle, "127.0.0.1", archive.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), objects[1]);
        Assert.True(other.ExitCode == 0, other.ToString());
        await using var database = IndexConsistency.Open(options);
        var stored = await IndexConsistency.CheckAsync(database, storage);
        Assert.Equal(2, stored.Count);
        Assert.Contains(archive.Process.Lines, l => l.Contains("cannot write the object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutInodesNeitherTheIncomingFileNorTheFoldersOfItsPlaceCanBeMadeAndBothAreAnsweredOutOfResources()
    {
        using var work = new TemporaryDirectory();
        var options = await _backend.NewIndexAsync(work.File("data"));
        var objects = Objects(work.File("input"));
        await using var archive = await ArchiveProcess.StartAsync(options, "size=8m,nr_inodes=64");
        var storage = archive.SeenByArchive(Path.Combine(options.DataDirectory, "storage"));
        await using var association = await ConnectAsync(archive);
        Assert.Equal(DimseStatus.Success, (await StoreAsync(association, objects[0])).Status);
        var fillers = FillInodes(Path.Combine(storage, "fillers"));

        // No inode at all: the temporary file cannot be created.
        var noFile = await StoreAsync(association, objects[2]);
        Assert.Equal(DimseStatus.OutOfResources, noFile.Status);
        Assert.StartsWith("cannot write the object: ", noFile.ErrorComment, StringComparison.Ordinal);

        // One inode: the temporary file takes it, and the new study's folders cannot be made at its place.
        File.Delete(fillers[0]);
        var noFolder = await StoreAsync(association, objects[2]);
        Assert.Equal(DimseStatus.OutOfResources, noFolder.Status);
        Assert.StartsWith("cannot move the object into the storage", noFolder.ErrorComment, StringComparison.Ordinal);
        Assert.Empty(IndexConsistency.Incoming(storage));

        // The same study's folders exist: that store needs nothing but the inode the failed one gave back.
        Assert.Equal(DimseStatus.Success, (await StoreAsync(association, objects[1])).Status);
        await association.ReleaseAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        await using var database = IndexConsistency.Open(options);
        var stored = await IndexConsistency.CheckAsync(database, storage);
        Assert.Equal(new[] { Sop(objects[0]), Sop(objects[1]) }.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(IndexConsistency.Incoming(storage));
    }

    /// <summary>Three objects: two of one study, one of another, each with its own SOP Instance UID.</summary>
    protected static string[] Objects(string folder)
    {
        Directory.CreateDirectory(folder);
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var paths = new string[3];
        for (var i = 0; i < paths.Length; i++)
        {
            var copy = original.Dataset.Clone();
            copy.Set(new DicomDataset().Add(DicomTags.SOPInstanceUID, DicomUidGenerator.New())[DicomTags.SOPInstanceUID]!);
            if (i == 2)
            {
                copy.Set(new DicomDataset().Add(DicomTags.StudyInstanceUID, DicomUidGenerator.New())[DicomTags.StudyInstanceUID]!);
                copy.Set(new DicomDataset().Add(DicomTags.SeriesInstanceUID, DicomUidGenerator.New())[DicomTags.SeriesInstanceUID]!);
            }

            paths[i] = Path.Combine(folder, $"{i}.dcm");
            new DicomFile(copy, original.TransferSyntax).Save(paths[i]);
        }

        return paths;
    }

    protected static string Sop(string file) => DicomFile.Open(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;

    protected static async Task<DicomAssociation> ConnectAsync(ArchiveProcess archive) =>
        await new DicomClient().ConnectAsync("127.0.0.1", archive.DicomPort, new AssociationOptions
        {
            CallingAETitle = "FULLDISK",
            CalledAETitle = TestArchive.AETitle,
            PresentationContexts = [(DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian])],
        });

    protected static async Task<DimseCommand> StoreAsync(DicomAssociation association, string file)
    {
        var dicom = DicomFile.Open(file);
        var context = association.FindContext(DicomUids.CTImageStorage) ?? throw new InvalidOperationException("CT Image Storage was not accepted");
        var request = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, dicom.Dataset.GetString(DicomTags.SOPInstanceUID)!);
        await association.SendAsync(request, context, dicom.Dataset, CancellationToken.None);
        return (await association.ReceiveResponseAsync(request, CancellationToken.None)).Command;
    }

    /// <summary>Writes <paramref name="path"/> until the disk is full.</summary>
    protected static void FillBlocks(string path)
    {
        var block = new byte[4096];
        using var filler = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // The disk is full.
        }
    }

    /// <summary>Makes empty files in <paramref name="folder"/> until no inode is left.</summary>
    private static List<string> FillInodes(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        try
        {
            for (var i = 0; i < 100_000; i++)
            {
                var path = Path.Combine(folder, $"{i}");
                File.WriteAllBytes(path, []);
                files.Add(path);
            }
        }
        catch (IOException)
        {
            return files;
        }

        throw new InvalidOperationException("the tmpfs did not run out of inodes");
    }
}
