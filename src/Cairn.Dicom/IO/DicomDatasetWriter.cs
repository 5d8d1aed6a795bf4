using System.Buffers.Binary;

namespace Cairn.Dicom.IO;

/// <summary>
/// Encodes a data set as a series of chunks: element headers gathered in a reused buffer, large values passed
/// through as the slices they are, so that writing pixel data copies nothing. The same chunks serve the synchronous
/// and the asynchronous writers. A chunk is only valid until the next one is asked for.
/// </summary>
internal sealed class DicomDatasetWriter
{
    private const uint UndefinedLength = 0xFFFF_FFFF;

    // Values at least this large go out as their own chunk instead of being copied into the buffer.
    private const int DirectThreshold = 4096;

    private readonly DicomEncoding _encoding;
    private readonly DicomWriteOptions _options;
    private readonly byte[] _buffer;
    private int _used;

    /// <param name="encoding">The transfer syntax's byte order and VR form.</param>
    /// <param name="options">Sequence and group length choices.</param>
    /// <param name="bufferSize">Headers and small values gather here; 64 KiB suits data sets, less a small group.</param>
    public DicomDatasetWriter(DicomEncoding encoding, DicomWriteOptions options, int bufferSize = 64 * 1024)
    {
        _encoding = encoding;
        _options = options;
        _buffer = new byte[Math.Max(bufferSize, DirectThreshold + 16)];
    }

    public IEnumerable<ReadOnlyMemory<byte>> Encode(DicomDataset dataset)
    {
        foreach (var chunk in EncodeElements(dataset))
        {
            yield return chunk;
        }

        if (_used > 0)
        {
            yield return Flush();
        }
    }

    /// <summary>The encoded length of a data set's elements (for defined-length items and group lengths).</summary>
    public long Measure(IEnumerable<DicomElement> elements)
    {
        long total = 0;
        foreach (var element in elements)
        {
            if (!(element.Tag.IsGroupLength && element.Tag.Group != 0x0002 && _options.GroupLengths == DicomGroupLengths.Remove))
            {
                total += Measure(element);
            }
        }

        return total;
    }

    private long Measure(DicomElement element)
    {
        switch (element)
        {
            case DicomSequence sequence:
                long items = 0;
                foreach (var item in sequence.Items)
                {
                    items += 8 + Measure(item) + (_options.SequenceLength == DicomSequenceLength.Undefined ? 8 : 0);
                }

                return HeaderLength(DicomVR.SQ) + items + (_options.SequenceLength == DicomSequenceLength.Undefined ? 8 : 0);
            case DicomFragments fragments:
                long content = 8 + Even(fragments.OffsetTable.Length);
                foreach (var fragment in fragments.Fragments)
                {
                    content += 8 + Even(fragment.Length);
                }

                return HeaderLength(fragments.VR) + content + 8;
            case DicomValueElement value:
                var vr = WireVR(value);
                return HeaderLength(vr) + Even(value.Length);
            default:
                throw new InvalidOperationException($"unknown element kind {element.GetType().Name}");
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> EncodeElements(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength && element.Tag.Group != 0x0002)
            {
                if (_options.GroupLengths == DicomGroupLengths.Remove)
                {
                    continue;
                }

                // A group length is only true if recomputed for what is written now.
                var group = element.Tag.Group;
                var length = Measure(dataset.Where(e => e.Tag.Group == group && !e.Tag.IsGroupLength));
                var bytes = new byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)length);
                foreach (var chunk in EncodeValue(new DicomValueElement(element.Tag, DicomVR.UL, bytes)))
                {
                    yield return chunk;
                }

                continue;
            }

            var chunks = element switch
            {
                DicomSequence sequence => EncodeSequence(sequence),
                DicomFragments fragments => EncodeFragments(fragments),
                DicomValueElement value => EncodeValue(value),
                _ => throw new InvalidOperationException($"unknown element kind {element.GetType().Name}"),
            };
            foreach (var chunk in chunks)
            {
                yield return chunk;
            }
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> EncodeValue(DicomValueElement element)
    {
        var vr = WireVR(element);
        var value = element.Value;
        var padded = Even(value.Length);
        if (Space(12) is { } flushed)
        {
            yield return flushed;
        }

        WriteHeader(element.Tag, vr, (uint)padded);
        if (_encoding.BigEndian && vr.ValueSize > 1)
        {
            value = ByteSwap.Copy(value.Span, vr == DicomVR.AT ? 2 : vr.ValueSize);
        }

        foreach (var chunk in WriteBytes(value))
        {
            yield return chunk;
        }

        if (padded != value.Length)
        {
            if (Space(1) is { } f)
            {
                yield return f;
            }

            _buffer[_used++] = vr.PaddingByte;
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> EncodeSequence(DicomSequence sequence)
    {
        var defined = _options.SequenceLength == DicomSequenceLength.Defined;
        if (Space(12) is { } flushed)
        {
            yield return flushed;
        }

        WriteHeader(sequence.Tag, DicomVR.SQ, defined ? (uint)(Measure(sequence) - HeaderLength(DicomVR.SQ)) : UndefinedLength);
        foreach (var item in sequence.Items)
        {
            if (Space(8) is { } f)
            {
                yield return f;
            }

            WriteItemHeader(DicomTag.Item, defined ? (uint)Measure(item) : UndefinedLength);
            foreach (var chunk in EncodeElements(item))
            {
                yield return chunk;
            }

            if (!defined)
            {
                if (Space(8) is { } g)
                {
                    yield return g;
                }

                WriteItemHeader(DicomTag.ItemDelimitationItem, 0);
            }
        }

        if (!defined)
        {
            if (Space(8) is { } h)
            {
                yield return h;
            }

            WriteItemHeader(DicomTag.SequenceDelimitationItem, 0);
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> EncodeFragments(DicomFragments fragments)
    {
        if (Space(12) is { } flushed)
        {
            yield return flushed;
        }

        WriteHeader(fragments.Tag, fragments.VR, UndefinedLength);
        foreach (var fragment in fragments.Fragments.Prepend(fragments.OffsetTable))
        {
            if (Space(8) is { } f)
            {
                yield return f;
            }

            var padded = Even(fragment.Length);
            WriteItemHeader(DicomTag.Item, (uint)padded);
            foreach (var chunk in WriteBytes(fragment))
            {
                yield return chunk;
            }

            if (padded != fragment.Length)
            {
                if (Space(1) is { } g)
                {
                    yield return g;
                }

                _buffer[_used++] = 0;
            }
        }

        if (Space(8) is { } h)
        {
            yield return h;
        }

        WriteItemHeader(DicomTag.SequenceDelimitationItem, 0);
    }

    private IEnumerable<ReadOnlyMemory<byte>> WriteBytes(ReadOnlyMemory<byte> value)
    {
        if (value.Length >= DirectThreshold)
        {
            if (_used > 0)
            {
                yield return Flush();
            }

            yield return value;
            yield break;
        }

        if (Space(value.Length) is { } flushed)
        {
            yield return flushed;
        }

        value.Span.CopyTo(_buffer.AsSpan(_used));
        _used += value.Length;
    }

    /// <summary>
    /// The VR to encode. A value too long for a 16-bit length field is written as UN, which PS3.5 6.2.2 allows
    /// for exactly this case; in implicit VR the VR is not written at all.
    /// </summary>
    private DicomVR WireVR(DicomValueElement element) =>
        _encoding.ExplicitVR && !element.VR.HasLongExplicitLength && Even(element.Length) > ushort.MaxValue ? DicomVR.UN : element.VR;

    private int HeaderLength(DicomVR vr) => _encoding.ExplicitVR && vr.HasLongExplicitLength ? 12 : 8;

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        var span = _buffer.AsSpan(_used);
        WriteTag(span, tag);
        if (!_encoding.ExplicitVR)
        {
            WriteUInt32(span[4..], length);
            _used += 8;
            return;
        }

        span[4] = (byte)vr.First;
        span[5] = (byte)vr.Second;
        if (vr.HasLongExplicitLength)
        {
            span[6] = 0;
            span[7] = 0;
            WriteUInt32(span[8..], length);
            _used += 12;
        }
        else
        {
            if (_encoding.BigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)length);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)length);
            }

            _used += 8;
        }
    }

    private void WriteItemHeader(DicomTag tag, uint length)
    {
        var span = _buffer.AsSpan(_used);
        WriteTag(span, tag);
        WriteUInt32(span[4..], length);
        _used += 8;
    }

    private void WriteTag(Span<byte> span, DicomTag tag)
    {
        if (_encoding.BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, tag.Group);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], tag.Element);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], tag.Element);
        }
    }

    private void WriteUInt32(Span<byte> span, uint value)
    {
        if (_encoding.BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    /// <summary>Makes room for <paramref name="count"/> bytes; returns the buffered bytes when they must go out first.</summary>
    private ReadOnlyMemory<byte>? Space(int count) => _used + count > _buffer.Length ? Flush() : null;

    private ReadOnlyMemory<byte> Flush()
    {
        // No copy: the consumer writes this chunk out before it asks for the next one, and only then is the
        // buffer filled again.
        var chunk = _buffer.AsMemory(0, _used);
        _used = 0;
        return chunk;
    }

    private static int Even(int length) => length + (length & 1);
}
