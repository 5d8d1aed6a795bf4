using System.Buffers.Binary;

namespace Cairn.Dicom.Json;

/// <summary>
/// The value field of encapsulated pixel data as a little endian file encodes it (PS3.5 A.4): an item (FFFE,E000)
/// holding the Basic Offset Table, an item per fragment (each padded to even length), then the sequence delimiter
/// (FFFE,E0DD). This is what DICOM JSON carries as InlineBinary for a <see cref="DicomFragments"/> element.
/// </summary>
internal static class DicomEncapsulatedValue
{
    private const int HeaderLength = 8;

    /// <summary>The value field as consecutive pieces, so that it can be written without being assembled.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Pieces(DicomFragments fragments)
    {
        foreach (var fragment in fragments.Fragments.Prepend(fragments.OffsetTable))
        {
            var padded = fragment.Length + (fragment.Length & 1);
            yield return Header(DicomTag.Item, (uint)padded);
            yield return fragment;
            if (padded != fragment.Length)
            {
                yield return new byte[1];
            }
        }

        yield return Header(DicomTag.SequenceDelimitationItem, 0);
    }

    /// <summary>Whether the bytes start like an encapsulated value field (an item tag, little endian).</summary>
    public static bool StartsWithItem(ReadOnlySpan<byte> value) =>
        value.Length >= HeaderLength && ReadTag(value) == DicomTag.Item;

    /// <summary>
    /// Splits a value field into the offset table and fragments (slices of <paramref name="value"/>). False unless
    /// the bytes are exactly items of defined length followed by a sequence delimiter of length 0 and nothing else.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> value, out ReadOnlyMemory<byte> offsetTable, out List<ReadOnlyMemory<byte>> fragments)
    {
        offsetTable = ReadOnlyMemory<byte>.Empty;
        fragments = [];
        var span = value.Span;
        var position = 0;
        var first = true;
        while (span.Length - position >= HeaderLength)
        {
            var tag = ReadTag(span[position..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 4)..]);
            position += HeaderLength;
            if (tag == DicomTag.SequenceDelimitationItem)
            {
                return length == 0 && position == span.Length && !first;
            }

            if (tag != DicomTag.Item || length > (uint)(span.Length - position))
            {
                return false;
            }

            var item = value.Slice(position, (int)length);
            if (first)
            {
                offsetTable = item;
                first = false;
            }
            else
            {
                fragments.Add(item);
            }

            position += (int)length;
        }

        return false;
    }

    private static DicomTag ReadTag(ReadOnlySpan<byte> span) =>
        new(BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..]));

    private static byte[] Header(DicomTag tag, uint length)
    {
        var header = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }
}
