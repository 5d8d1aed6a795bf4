using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// A stored file's data set as the retrieve services send it: the bytes after its File Meta Information, read from
/// disk in chunks as they go out, so that an object never has to fit in memory whole.
/// </summary>
public static class StoredDataset
{
    private const int ChunkSize = 64 * 1024;

    private static readonly DicomReadOptions MetaOnly = new() { StopAtTag = DicomTags.SpecificCharacterSet };

    /// <summary>Where the data set starts in the file at <paramref name="path"/> (after its File Meta Information).</summary>
    public static long Offset(string path) => DicomFile.Open(path, MetaOnly).DatasetOffset;

    /// <summary>The bytes of <paramref name="path"/> from <paramref name="offset"/> on, one reused buffer at a time.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Chunks(string path, long offset)
    {
        // Synchronous reads: from the page cache they are quicker than the hand-over an asynchronous read costs.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        stream.Position = offset;
        var buffer = new byte[(int)Math.Min(ChunkSize, Math.Max(1, stream.Length - offset))];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            yield return buffer.AsMemory(0, read);
        }
    }
}
