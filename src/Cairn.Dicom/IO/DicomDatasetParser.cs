using System.Buffers.Binary;

namespace Cairn.Dicom.IO;

/// <summary>
/// Parses an encoded data set held in memory. Values become slices of the input (no copy) except where big endian
/// numbers must be swapped. Lenient where the input can still be understood (odd lengths, unknown VRs, implicit
/// VR where explicit was announced, missing delimiters), each noted as a warning; a
/// <see cref="DicomFormatException"/> with the offset where the input cannot be understood (truncation, lengths that
/// run past their container, nesting too deep).
/// </summary>
internal sealed class DicomDatasetParser
{
    private const uint UndefinedLength = 0xFFFF_FFFF;

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly long _baseOffset;
    private readonly DicomReadOptions _options;
    private readonly List<DicomReadWarning> _warnings;
    private DicomEncoding _encoding;
    private int _position;

    public DicomDatasetParser(ReadOnlyMemory<byte> buffer, DicomEncoding encoding, DicomReadOptions options, List<DicomReadWarning> warnings, long baseOffset = 0)
    {
        _buffer = buffer;
        _encoding = encoding;
        _options = options;
        _warnings = warnings;
        _baseOffset = baseOffset;
    }

    /// <summary>Where parsing stopped: the end, or the element <see cref="DicomReadOptions.StopAtTag"/> named.</summary>
    public int Position => _position;

    /// <summary>The encoding in force after parsing (a data set announced as explicit may turn out implicit).</summary>
    public DicomEncoding Encoding => _encoding;

    /// <summary>Parses from <paramref name="start"/> to the end of the buffer into a new top-level data set.</summary>
    public DicomDataset ParseDataset(int start)
    {
        _position = start;
        CheckFirstElementEncoding();
        var dataset = new DicomDataset();
        ParseElements(dataset, _buffer.Length, untilItemDelimiter: false, depth: 0);
        return dataset;
    }

    /// <summary>
    /// Parses the File Meta Information group (always explicit VR little endian, PS3.10 7.1): every (0002,xxxx)
    /// element from <paramref name="start"/>, whatever the group length says.
    /// </summary>
    public DicomDataset ParseFileMetaInformation(int start)
    {
        _position = start;
        CheckFirstElementEncoding();
        var meta = new DicomDataset();
        var span = _buffer.Span;
        while (_position + 8 <= span.Length && BinaryPrimitives.ReadUInt16LittleEndian(span[_position..]) == 0x0002)
        {
            var element = ParseElement(meta, _buffer.Length, depth: 0);
            if (element is not null && !meta.AppendRead(element))
            {
                Warn(_position, $"duplicate element {element.Tag} in the File Meta Information; the first is kept");
            }
        }

        return meta;
    }

    private void ParseElements(DicomDataset dataset, int end, bool untilItemDelimiter, int depth)
    {
        var span = _buffer.Span;
        while (_position < end)
        {
            if (end - _position < 8)
            {
                // Trailing bytes too short to be an element: real files sometimes end with stray padding.
                if (depth == 0 && span[_position..end].IndexOfAnyExcept((byte)0) < 0)
                {
                    Warn(_position, $"{end - _position} trailing zero bytes after the last element are ignored");
                    _position = end;
                    return;
                }

                throw Error(_position, $"the data ends inside an element header ({end - _position} bytes left, 8 needed)");
            }

            var tag = ReadTag(span, _position);
            if (tag == DicomTag.ItemDelimitationItem)
            {
                _position += 8;
                if (untilItemDelimiter)
                {
                    return;
                }

                Warn(_position - 8, "an item delimiter outside an item is ignored");
                continue;
            }

            if (tag == DicomTag.SequenceDelimitationItem)
            {
                if (untilItemDelimiter)
                {
                    // The item lacks its delimiter; leave the sequence delimiter to the sequence.
                    Warn(_position, "an item of undefined length ends without an item delimiter");
                    return;
                }

                Warn(_position, "a sequence delimiter outside a sequence is ignored");
                _position += 8;
                continue;
            }

            if (tag == DicomTag.Item)
            {
                throw Error(_position, "an item tag (FFFE,E000) stands where a data element was expected");
            }

            if (depth == 0 && _options.StopAtTag is { } stop && tag >= stop)
            {
                return;
            }

            var element = ParseElement(dataset, end, depth);
            if (element is not null && !dataset.AppendRead(element))
            {
                Warn(_position, $"duplicate element {element.Tag}; the first is kept");
            }
        }

        if (untilItemDelimiter && end < _buffer.Length)
        {
            Warn(_position, "an item of undefined length runs to the end of its sequence without an item delimiter");
        }
        else if (untilItemDelimiter)
        {
            throw Error(_position, "the data ends inside an item of undefined length (no item delimiter)");
        }
    }

    private DicomElement? ParseElement(DicomDataset dataset, int end, int depth)
    {
        var span = _buffer.Span;
        var start = _position;
        var tag = ReadTag(span, start);
        DicomVR vr;
        uint length;
        int headerLength;
        var implicitElement = !_encoding.ExplicitVR;

        if (!implicitElement && IsVRCharacters(span[start + 4], span[start + 5]))
        {
            vr = DicomVR.FromBytes(span[start + 4], span[start + 5]);
            if (vr.IsKnown && vr.HasLongExplicitLength)
            {
                Need(start, 12, end, tag);
                length = ReadUInt32(span, start + 8);
                headerLength = 12;
            }
            else
            {
                length = ReadUInt16(span, start + 6);
                headerLength = 8;
                if (!vr.IsKnown)
                {
                    var replacement = ImplicitVR(dataset, tag);
                    Warn(start, $"{tag} has the unknown VR '{Printable(span[start + 4])}{Printable(span[start + 5])}'; read as {replacement} with a 16-bit length");
                    vr = replacement;
                }
            }
        }
        else
        {
            if (!implicitElement)
            {
                Warn(start, $"{tag} has no VR although the data set is explicit VR; read as implicit VR");
            }

            length = ReadUInt32(span, start + 4);
            headerLength = 8;
            vr = ImplicitVR(dataset, tag);
        }

        _position = start + headerLength;
        if (length == UndefinedLength)
        {
            // Pixel Data of undefined length is encapsulated, even when a converter labelled it UN.
            if (tag == DicomTags.PixelData || vr == DicomVR.OB || vr == DicomVR.OW)
            {
                if (vr == DicomVR.UN)
                {
                    Warn(start, $"{tag} is UN with undefined length; read as encapsulated OB");
                    vr = DicomVR.OB;
                }
                else if (implicitElement)
                {
                    // The dictionary's implicit choice for "OB or OW" is OW, but encapsulated pixel data is OB (PS3.5 A.4).
                    vr = DicomVR.OB;
                }

                return ParseFragments(tag, vr, end, start);
            }

            if (vr != DicomVR.SQ && vr != DicomVR.UN)
            {
                Warn(start, $"{tag} {vr} has undefined length; read as a sequence");
            }

            // CP-246: a UN element of undefined length is a sequence encoded in implicit VR little endian.
            return ParseSequence(tag, end, end, undefinedLength: true, depth, start, vr == DicomVR.UN && implicitElement is false ? DicomEncoding.ImplicitLittleEndian : null);
        }

        if (length > (uint)(end - _position))
        {
            var name = DicomDictionary.KeywordOf(tag) is { } keyword ? $"{tag} {keyword}" : tag.ToString();
            throw Error(start, $"{name} {vr} claims {length} bytes but only {end - _position} remain{(end < _buffer.Length ? " in its item" : "")}: the data is truncated or corrupt");
        }

        var valueEnd = _position + (int)length;
        if (vr == DicomVR.SQ)
        {
            var sequence = ParseSequence(tag, valueEnd, end, undefinedLength: false, depth, start, null);
            _position = Math.Max(valueEnd, _position);
            return sequence;
        }

        if (vr == DicomVR.UN && length > 0 && LooksLikeSequence(tag))
        {
            var saved = _encoding;
            try
            {
                var sequence = ParseSequence(tag, valueEnd, valueEnd, undefinedLength: false, depth, start, DicomEncoding.ImplicitLittleEndian);
                _position = valueEnd;
                return sequence;
            }
            catch (DicomFormatException e)
            {
                // The attempt moved on into the value; the bytes are kept from the value's start.
                _encoding = saved;
                _position = start + headerLength;
                Warn(start, $"{tag} UN looked like a sequence but is not ({e.Message}); kept as bytes");
            }
        }

        if ((length & 1) != 0)
        {
            Warn(start, $"{tag} {vr} has odd length {length}");
        }

        var value = _buffer.Slice(_position, (int)length);
        if (_encoding.BigEndian && vr.ValueSize > 1)
        {
            value = ByteSwap.Copy(value.Span, vr == DicomVR.AT ? 2 : vr.ValueSize);
        }

        _position = valueEnd;
        return new DicomValueElement(tag, vr, value);
    }

    private DicomSequence ParseSequence(DicomTag tag, int end, int containerEnd, bool undefinedLength, int depth, int start, DicomEncoding? contentEncoding)
    {
        if (depth >= _options.MaxDepth)
        {
            throw Error(start, $"{tag}: sequences nested deeper than {_options.MaxDepth} levels");
        }

        var saved = _encoding;
        _encoding = contentEncoding ?? _encoding;
        var sequence = new DicomSequence(tag);
        var span = _buffer.Span;
        while (true)
        {
            if (!undefinedLength && _position >= end)
            {
                break;
            }

            if (end - _position < 8)
            {
                throw Error(_position, undefinedLength
                    ? $"the data ends inside sequence {tag} (no sequence delimiter)"
                    : $"sequence {tag} ends inside an item header");
            }

            var itemTag = ReadTag(span, _position);
            var itemLength = ReadUInt32(span, _position + 4);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                _position += 8;
                if (!undefinedLength)
                {
                    Warn(_position - 8, $"sequence {tag} of defined length holds a sequence delimiter");
                    continue;
                }

                break;
            }

            if (itemTag != DicomTag.Item)
            {
                if (undefinedLength)
                {
                    Warn(_position, $"sequence {tag} of undefined length ends without a sequence delimiter");
                    break;
                }

                throw Error(_position, $"sequence {tag} holds {itemTag} where an item (FFFE,E000) was expected");
            }

            _position += 8;
            var item = new DicomDataset();
            sequence.Add(item);
            if (itemLength == UndefinedLength)
            {
                ParseElements(item, end, untilItemDelimiter: true, depth + 1);
            }
            else
            {
                if (itemLength > (uint)(end - _position))
                {
                    if (!undefinedLength && itemLength <= (uint)(containerEnd - _position))
                    {
                        // The sequence's own length is short; the item still fits in what contains the sequence.
                        Warn(_position - 8, $"an item of sequence {tag} runs past the sequence's length; the sequence is read to the item's end");
                        end = _position + (int)itemLength;
                    }
                    else
                    {
                        // The item's length is too long: read its elements up to where its sequence ends, which
                        // fails cleanly below if they do not end there.
                        Warn(_position - 8, $"an item of sequence {tag} claims {itemLength} bytes but only {end - _position} remain; read to the end of the sequence");
                        itemLength = (uint)(end - _position);
                    }
                }

                ParseElements(item, _position + (int)itemLength, untilItemDelimiter: false, depth + 1);
            }
        }

        _encoding = saved;
        return sequence;
    }

    private DicomFragments ParseFragments(DicomTag tag, DicomVR vr, int end, int start)
    {
        var span = _buffer.Span;
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            if (end - _position < 8)
            {
                throw Error(_position, $"the data ends inside the encapsulated {tag} (no sequence delimiter)");
            }

            var itemTag = ReadTag(span, _position);
            var length = ReadUInt32(span, _position + 4);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                _position += 8;
                break;
            }

            if (itemTag != DicomTag.Item || length == UndefinedLength)
            {
                throw Error(_position, $"encapsulated {tag} holds {itemTag} where a fragment item of defined length was expected");
            }

            if (length > (uint)(end - _position - 8))
            {
                throw Error(_position, $"a fragment of {tag} claims {length} bytes but only {end - _position - 8} remain: the data is truncated");
            }

            var fragment = _buffer.Slice(_position + 8, (int)length);
            _position += 8 + (int)length;
            if (offsetTable is null)
            {
                offsetTable = fragment;
            }
            else
            {
                fragments.Add(fragment);
            }
        }

        if (offsetTable is null)
        {
            Warn(start, $"encapsulated {tag} has no Basic Offset Table item");
        }

        return new DicomFragments(tag, vr, offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
    }

    /// <summary>A UN value whose tag the dictionary knows as SQ is re-read as an implicit VR sequence (CP-246).</summary>
    private static bool LooksLikeSequence(DicomTag tag) => DicomDictionary.VROf(tag) == DicomVR.SQ;

    /// <summary>
    /// A data set announced as explicit VR whose first element has no VR characters but reads well as implicit VR
    /// is implicit VR (a common encoder bug); from then on the whole data set is read so.
    /// </summary>
    private void CheckFirstElementEncoding()
    {
        var span = _buffer.Span;
        if (!_encoding.ExplicitVR || span.Length - _position < 8)
        {
            return;
        }

        if (!IsVRCharacters(span[_position + 4], span[_position + 5]))
        {
            var length = ReadUInt32(span, _position + 4);
            if (length == UndefinedLength || length <= (uint)(span.Length - _position - 8))
            {
                Warn(_position, $"the data set is announced as {_encoding} but is encoded in implicit VR; read as implicit VR");
                _encoding = _encoding with { ExplicitVR = false };
            }
        }
    }

    private static DicomVR ImplicitVR(DicomDataset dataset, DicomTag tag)
    {
        if (tag.IsGroupLength)
        {
            return DicomVR.UL;
        }

        if (tag.IsPrivateCreator)
        {
            return DicomVR.LO;
        }

        if (DicomDictionary.VROf(tag) is not { } vr)
        {
            return DicomVR.UN;
        }

        // "US or SS" follows Pixel Representation (0028,0103): 1 means signed.
        if (DicomDictionary.IsUSOrSS(tag) && dataset.TryGetInt32(DicomTags.PixelRepresentation, out var pixelRepresentation) && pixelRepresentation == 1)
        {
            return DicomVR.SS;
        }

        return vr;
    }

    private void Need(int start, int count, int end, DicomTag tag)
    {
        if (end - start < count)
        {
            throw Error(start, $"the data ends inside the header of {tag}");
        }
    }

    private DicomTag ReadTag(ReadOnlySpan<byte> span, int at) =>
        _encoding.BigEndian
            ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(span[at..]), BinaryPrimitives.ReadUInt16BigEndian(span[(at + 2)..]))
            : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[at..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 2)..]));

    private uint ReadUInt32(ReadOnlySpan<byte> span, int at) =>
        _encoding.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);

    private uint ReadUInt16(ReadOnlySpan<byte> span, int at) =>
        _encoding.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);

    private static bool IsVRCharacters(byte first, byte second) =>
        first is >= (byte)'A' and <= (byte)'Z' && second is >= (byte)'A' and <= (byte)'Z';

    private static char Printable(byte b) => b is >= 0x20 and < 0x7F ? (char)b : '?';

    private void Warn(int position, string message) => _warnings.Add(new DicomReadWarning(_baseOffset + position, message));

    private DicomFormatException Error(int position, string message) => new($"{message} (at byte {_baseOffset + position})", _baseOffset + position);
}
