using System.Buffers.Binary;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// A stored file's data set as the retrieve services and the exporter send it: the bytes after its File Meta
/// Information, read from disk as they go out, so that an object never has to fit in memory whole.
/// </summary>
public static class StoredDataset
{
    // The File Meta Information of a file the archive wrote is about 200 bytes; one read of this much finds its end.
    private const int HeaderPeek = 1024;

    private static readonly DicomReadOptions MetaOnly = new() { StopAtTag = DicomTags.SpecificCharacterSet };

    /// <summary>
    /// Opens the file at <paramref name="path"/> positioned where its data set starts (after its File Meta
    /// Information); the rest of the stream is the data set.
    /// </summary>
    public static FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            stream.Position = Offset(stream, path);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Where the data set starts in the file at <paramref name="path"/> (after its File Meta Information).</summary>
    public static long Offset(string path) => DicomFile.Open(path, MetaOnly).DatasetOffset;

    /// <summary>
    /// The data set's offset from one small read of the open file: a Part 10 header (preamble, "DICM", group 0002 in
    /// explicit VR little endian) is walked element by element to the first element of another group; anything else
    /// (no preamble, a header longer than the read) is left to the file reader, which opens the file once more.
    /// </summary>
    private static long Offset(FileStream stream, string path)
    {
        Span<byte> head = stackalloc byte[HeaderPeek];
        head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            long at = 132;
            while (at + 2 <= head.Length)
            {
                if (BinaryPrimitives.ReadUInt16LittleEndian(head[(int)at..]) != 0x0002)
                {
                    return at;
                }

                // Not explicit VR (two capital letters) or not wholly read: the reader decides.
                if (at + 12 > head.Length || !char.IsAsciiLetterUpper((char)head[(int)at + 4]) || !char.IsAsciiLetterUpper((char)head[(int)at + 5]))
                {
                    break;
                }

                at += HasLongLength(head.Slice((int)at + 4, 2))
                    ? 12L + BinaryPrimitives.ReadUInt32LittleEndian(head[((int)at + 8)..])
                    : 8 + BinaryPrimitives.ReadUInt16LittleEndian(head[((int)at + 6)..]);
            }

            // A file that ends right after its header has an empty data set.
            if (at == head.Length && at == stream.Length)
            {
                return at;
            }
        }

        return Offset(path);
    }

    // Explicit VR elements with a 2-byte reserved field and a 32-bit length (PS3.5 7.1.2).
    private static bool HasLongLength(ReadOnlySpan<byte> vr) =>
        vr.SequenceEqual("OB"u8) || vr.SequenceEqual("OW"u8) || vr.SequenceEqual("OF"u8) || vr.SequenceEqual("OD"u8)
        || vr.SequenceEqual("OL"u8) || vr.SequenceEqual("OV"u8) || vr.SequenceEqual("SQ"u8) || vr.SequenceEqual("SV"u8)
        || vr.SequenceEqual("UC"u8) || vr.SequenceEqual("UN"u8) || vr.SequenceEqual("UR"u8) || vr.SequenceEqual("UT"u8)
        || vr.SequenceEqual("UV"u8);
}
