using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// Formats elements one per line as dcm4che's dcmdump does: <c>(0008,0056) CS [ONLINE] InstanceAvailability</c>,
/// with one <c>&gt;</c> per level of nesting for the contents of sequence items.
/// </summary>
public sealed class DicomDump
{
    private readonly int _maxValueLength;

    /// <param name="maxValueLength">Values longer than this many characters are cut, with "..." appended.</param>
    public DicomDump(int maxValueLength = 64)
    {
        _maxValueLength = maxValueLength;
    }

    public IEnumerable<string> Lines(DicomDataset dataset, int level = 0)
    {
        var prefix = new string('>', level);
        foreach (var element in dataset)
        {
            var keyword = Keyword(dataset, element.Tag);
            switch (element)
            {
                case DicomSequence sequence:
                    yield return Join(prefix, element.Tag, "SQ", $"{sequence.Items.Count} Items", keyword);
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        yield return $"{prefix}>(FFFE,E000) Item #{i + 1}";
                        foreach (var line in Lines(sequence.Items[i], level + 1))
                        {
                            yield return line;
                        }
                    }

                    break;
                case DicomFragments fragments:
                    yield return Join(prefix, element.Tag, element.VR.ToString(), null, keyword);
                    yield return $"{prefix}>(FFFE,E000) [{Bytes(fragments.OffsetTable.Span, DicomVR.OB)}] Basic Offset Table";
                    for (var i = 0; i < fragments.Fragments.Count; i++)
                    {
                        yield return $"{prefix}>(FFFE,E000) [{Bytes(fragments.Fragments[i].Span, DicomVR.OB)}] Fragment #{i + 1} ({fragments.Fragments[i].Length} bytes)";
                    }

                    break;
                case DicomValueElement value:
                    yield return Join(prefix, element.Tag, element.VR.ToString(), Value(dataset, value), keyword);
                    break;
            }
        }
    }

    private static string Join(string prefix, DicomTag tag, string vr, string? value, string keyword)
    {
        var sb = new StringBuilder(prefix).Append(tag.ToString()).Append(' ').Append(vr);
        if (value is not null)
        {
            sb.Append(" [").Append(value).Append(']');
        }

        if (keyword.Length > 0)
        {
            sb.Append(' ').Append(keyword);
        }

        return sb.ToString();
    }

    private string Value(DicomDataset dataset, DicomValueElement element)
    {
        var vr = element.VR;
        string text;
        if (vr.IsString)
        {
            text = dataset.DecodeString(element);
        }
        else if (vr.IsBinaryNumber)
        {
            text = Numbers(element.Value.Span, vr);
        }
        else
        {
            text = Bytes(element.Value.Span, vr);
        }

        // Control characters would break the one-line-per-element layout.
        text = string.Create(text.Length, text, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = char.IsControl(t[i]) && t[i] != '\u001B' ? '.' : t[i];
            }
        });
        return text.Length > _maxValueLength ? text[.._maxValueLength] + "..." : text;
    }

    private string Numbers(ReadOnlySpan<byte> value, DicomVR vr)
    {
        var size = vr.ValueSize;
        var sb = new StringBuilder();
        for (var i = 0; i + size <= value.Length && sb.Length <= _maxValueLength; i += size)
        {
            if (i > 0)
            {
                sb.Append('\\');
            }

            var v = value[i..];
            _ = vr.Code switch
            {
                VRCode.US => sb.Append(BinaryPrimitives.ReadUInt16LittleEndian(v)),
                VRCode.SS => sb.Append(BinaryPrimitives.ReadInt16LittleEndian(v)),
                VRCode.UL => sb.Append(BinaryPrimitives.ReadUInt32LittleEndian(v)),
                VRCode.SL => sb.Append(BinaryPrimitives.ReadInt32LittleEndian(v)),
                VRCode.UV => sb.Append(BinaryPrimitives.ReadUInt64LittleEndian(v)),
                VRCode.SV => sb.Append(BinaryPrimitives.ReadInt64LittleEndian(v)),
                VRCode.FL => sb.Append(BinaryPrimitives.ReadSingleLittleEndian(v).ToString("R", CultureInfo.InvariantCulture)),
                VRCode.FD => sb.Append(BinaryPrimitives.ReadDoubleLittleEndian(v).ToString("R", CultureInfo.InvariantCulture)),
                VRCode.AT => sb.Append(new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(v), BinaryPrimitives.ReadUInt16LittleEndian(v[2..])).ToString()),
                _ => sb,
            };
        }

        return sb.ToString();
    }

    private string Bytes(ReadOnlySpan<byte> value, DicomVR vr)
    {
        var words = vr == DicomVR.OW;
        var sb = new StringBuilder();
        var step = words ? 2 : 1;
        for (var i = 0; i + step <= value.Length && sb.Length <= _maxValueLength; i += step)
        {
            if (i > 0)
            {
                sb.Append('\\');
            }

            sb.Append(words
                ? BinaryPrimitives.ReadUInt16LittleEndian(value[i..]).ToString("X4", CultureInfo.InvariantCulture)
                : value[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string Keyword(DicomDataset dataset, DicomTag tag)
    {
        if (tag.IsGroupLength)
        {
            return DicomDictionary.KeywordOf(tag) ?? "GroupLength";
        }

        if (tag.IsPrivateCreator)
        {
            return "PrivateCreator";
        }

        if (tag.IsPrivate)
        {
            return dataset.GetPrivateCreator(tag) is { Length: > 0 } creator ? $"\"{creator}\" {tag.Element & 0xFF:X2}" : "";
        }

        return DicomDictionary.KeywordOf(tag) ?? "";
    }
}
