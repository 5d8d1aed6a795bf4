using Cairn.Archive.Tests.Support;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Tests;

public sealed class FullDiskTestsOnSqlite() : FullDiskTests(IndexBackend.Sqlite)
{
    /// <summary>
    /// The SQLite index on the same full disk as the storage: the object's file still fits, the index commit does not.
    /// The store fails with A700, its file is removed, and the index holds what it held.
    /// </summary>
    [Fact]
    public async Task AnIndexCommitOntoAFullDiskIsAnsweredOutOfResourcesAndLeavesNoFile()
    {
        using var work = new TemporaryDirectory();
        var options = await Backend.NewIndexAsync(work.File("data"));
        var objects = Objects(work.File("input"));
        await using var archive = await ArchiveProcess.StartAsync(options, "size=8m", tmpfsHoldsTheIndex: true);
        var data = archive.SeenByArchive(options.DataDirectory);
        var storage = Path.Combine(data, "storage");
        await using var association = await ConnectAsync(archive);
        Assert.Equal(DimseStatus.Success, (await StoreAsync(association, objects[0])).Status);
        var firstFile = Assert.Single(Directory.GetFiles(storage, "*", SearchOption.AllDirectories));

        // Full, then room for the object's file (whole pages, as tmpfs counts) and no more.
        var filler = Path.Combine(data, "filler");
        FillBlocks(filler);
        var room = (new FileInfo(firstFile).Length + 512 + 4095) / 4096 * 4096;
        using (var shrink = new FileStream(filler, FileMode.Open, FileAccess.Write))
        {
            shrink.SetLength(shrink.Length - room);
        }

        var noIndex = await StoreAsync(association, objects[1]);
        Assert.Equal(DimseStatus.OutOfResources, noIndex.Status);
        Assert.StartsWith("cannot record the object in the index", noIndex.ErrorComment, StringComparison.Ordinal);
        Assert.Equal([firstFile], Directory.GetFiles(storage, "*", SearchOption.AllDirectories));

        File.Delete(filler);
        Assert.Equal(DimseStatus.Success, (await StoreAsync(association, objects[1])).Status);
        await association.ReleaseAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        // SQLite resolves the /proc/ID/root link to /, outside the archive's mount namespace: check a copy.
        var copy = Directory.CreateDirectory(work.File("copy")).FullName;
        foreach (var file in Directory.GetFiles(data, "index.sqlite*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        await using var database = IndexConsistency.Open(options with { DataDirectory = copy });
        var stored = await IndexConsistency.CheckAsync(database, storage);
        Assert.Equal(new[] { Sop(objects[0]), Sop(objects[1]) }.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
    }
}
