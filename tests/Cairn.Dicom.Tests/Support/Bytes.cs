using System.Buffers.Binary;
using System.Text;

namespace Cairn.Dicom.Tests.Support;

/// <summary>Builds encoded data by hand, to feed the reader exactly the bytes a test is about.</summary>
public sealed class Bytes
{
    private readonly List<byte> _bytes = [];
    private readonly bool _bigEndian;

    public Bytes(bool bigEndian = false)
    {
        _bigEndian = bigEndian;
    }

    public int Length => _bytes.Count;

    public Bytes Tag(ushort group, ushort element) => U16(group).U16(element);

    public Bytes Tag(DicomTag tag) => Tag(tag.Group, tag.Element);

    public Bytes U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
        }

        _bytes.AddRange(b.ToArray());
        return this;
    }

    public Bytes U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }

        _bytes.AddRange(b.ToArray());
        return this;
    }

    public Bytes Ascii(string text)
    {
        _bytes.AddRange(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public Bytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>An explicit VR element with a 16-bit length.</summary>
    public Bytes Explicit(DicomTag tag, string vr, string value) => Tag(tag).Ascii(vr).U16(value.Length).Ascii(value);

    /// <summary>An explicit VR element with the 32-bit length form (OB, SQ, UN, …).</summary>
    public Bytes ExplicitLong(DicomTag tag, string vr, uint length) => Tag(tag).Ascii(vr).U16(0).U32(length);

    public Bytes Implicit(DicomTag tag, string value) => Tag(tag).U32((uint)value.Length).Ascii(value);

    public Bytes ItemStart(uint length = 0xFFFFFFFF) => Tag(0xFFFE, 0xE000).U32(length);

    public Bytes ItemEnd() => Tag(0xFFFE, 0xE00D).U32(0);

    public Bytes SequenceEnd() => Tag(0xFFFE, 0xE0DD).U32(0);

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A Part 10 file around these bytes as the data set.</summary>
    public byte[] AsPart10(string transferSyntaxUid)
    {
        var meta = new Bytes()
            .Explicit(DicomTags.TransferSyntaxUID, "UI", transferSyntaxUid.Length % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid)
            .ToArray();
        var file = new List<byte>(new byte[128]);
        file.AddRange("DICM"u8.ToArray());
        file.AddRange(new Bytes().Tag(0x0002, 0x0000).Ascii("UL").U16(4).U32((uint)meta.Length).ToArray());
        file.AddRange(meta);
        file.AddRange(_bytes);
        return [.. file];
    }
}
