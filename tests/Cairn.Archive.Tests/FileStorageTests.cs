using Cairn.Archive.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Archive.Tests;

/// <summary>
/// Moving a received object into its place: the folder is made when missing, an existing object is never replaced
/// (the newcomer gets a suffix), and the temporary file is gone afterwards.
/// </summary>
public sealed class FileStorageTests
{
    [Fact]
    public void AnObjectGoesIntoAFolderThatDoesNotExistYetAndTheNextIntoTheSameFolder()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);

        var first = storage.Commit(Incoming(storage, "first"), "2026/11/29/aaaa/bbbb/one");
        var second = storage.Commit(Incoming(storage, "second"), "2026/11/29/aaaa/bbbb/two");

        Assert.Equal("2026/11/29/aaaa/bbbb/one", first);
        Assert.Equal("2026/11/29/aaaa/bbbb/two", second);
        Assert.Equal("first", File.ReadAllText(storage.FullPath(first)));
        Assert.Equal("second", File.ReadAllText(storage.FullPath(second)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(storage.Root, ".incoming")));
    }

    [Fact]
    public void AnExistingObjectIsNeverReplacedTheNewcomerGetsASuffix()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);

        var first = storage.Commit(Incoming(storage, "kept"), "2026/11/29/aaaa/bbbb/same");
        var second = storage.Commit(Incoming(storage, "newcomer"), "2026/11/29/aaaa/bbbb/same");
        var third = storage.Commit(Incoming(storage, "third"), "2026/11/29/aaaa/bbbb/same");

        Assert.Equal("2026/11/29/aaaa/bbbb/same", first);
        Assert.Equal("2026/11/29/aaaa/bbbb/same-2", second);
        Assert.Equal("2026/11/29/aaaa/bbbb/same-3", third);
        Assert.Equal("kept", File.ReadAllText(storage.FullPath(first)));
        Assert.Equal("newcomer", File.ReadAllText(storage.FullPath(second)));
        Assert.Equal("third", File.ReadAllText(storage.FullPath(third)));
    }

    [Fact]
    public void AFolderRemovedBehindTheStoragesBackIsMadeAgain()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);
        storage.Commit(Incoming(storage, "first"), "2026/11/29/aaaa/bbbb/one");
        Directory.Delete(Path.Combine(storage.Root, "2026"), recursive: true);

        var again = storage.Commit(Incoming(storage, "again"), "2026/11/29/aaaa/bbbb/one");

        Assert.Equal("again", File.ReadAllText(storage.FullPath(again)));
    }

    [Fact]
    public void ATemporaryFileThatIsGoneIsAnErrorNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);
        var file = Incoming(storage, "lost");
        File.Delete(file.Path);

        var e = Assert.Throws<IOException>(() => storage.Commit(file, "2026/11/29/aaaa/bbbb/one"));
        Assert.Contains(file.Path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirst64KilobytesOfALargeObjectAreKeptAndASmallOneWhole()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);
        var large = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        using var file = storage.CreateIncoming();
        for (var offset = 0; offset < large.Length; offset += 16_000)
        {
            file.Write(large.AsSpan(offset, Math.Min(16_000, large.Length - offset)));
        }

        file.Complete(durable: false);

        Assert.Null(file.Content);
        Assert.Equal(large.AsSpan(0, 64 * 1024).ToArray(), file.Prefix!.Value.ToArray());
        Assert.Equal(large, File.ReadAllBytes(file.Path));

        using var small = storage.CreateIncoming();
        small.Write(large.AsSpan(0, 40_000));
        small.Complete(durable: false);
        Assert.Equal(large.AsSpan(0, 40_000).ToArray(), small.Content!.Value.ToArray());
    }

    [Theory]
    [InlineData(1_000, false)]
    [InlineData(1_000, true)]
    [InlineData(3_000_000, false)]
    public async Task TheDigestIsTheSha256OfWhatWasWritten(int size, bool durable)
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);
        var content = new byte[size];
        new Random(size).NextBytes(content);
        using var file = storage.CreateIncoming();
        for (var offset = 0; offset < content.Length; offset += 16_372)
        {
            file.Write(content.AsSpan(offset, Math.Min(16_372, content.Length - offset)));
        }

        var digest = file.Complete(durable);

        Assert.Null(file.Failure);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), digest);
        Assert.Equal(content, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public void ALargeObjectDiscardedHalfWayLeavesNothingInTheIncomingFolder()
    {
        using var folder = new TemporaryDirectory();
        var storage = Open(folder.Path);
        var file = storage.CreateIncoming();
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < 40; i++)
        {
            file.Write(chunk);
        }

        FileStorage.Discard(file);

        Assert.False(File.Exists(file.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(file.Path)!));
    }

    private static FileStorage Open(string root)
    {
        var storage = new FileStorage(root, NullLogger.Instance);
        storage.Open();
        return storage;
    }

    private static IncomingFileStream Incoming(FileStorage storage, string content)
    {
        var file = storage.CreateIncoming();
        file.Write(System.Text.Encoding.ASCII.GetBytes(content));
        file.Complete(durable: false);
        return file;
    }
}
