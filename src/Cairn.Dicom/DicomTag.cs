using System.Globalization;

namespace Cairn.Dicom;

/// <summary>A data element tag: group and element number packed into 32 bits, ordered as DICOM orders them.</summary>
public readonly record struct DicomTag(uint Value) : IComparable<DicomTag>
{
    public DicomTag(ushort group, ushort element)
        : this(((uint)group << 16) | element)
    {
    }

    public ushort Group => (ushort)(Value >> 16);

    public ushort Element => (ushort)Value;

    /// <summary>Odd groups are private, except the groups PS3.5 7.8.1 reserves (0001, 0003, 0005, 0007, FFFF).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>A private creator element, (gggg,0010) to (gggg,00FF) in a private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>The private creator element that reserves this private element's block, e.g. (0029,1010) → (0029,0010).</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    /// <summary>Group length elements (gggg,0000), retired outside the command and file meta groups.</summary>
    public bool IsGroupLength => Element == 0x0000;

    public static DicomTag Item => new(0xFFFE_E000);

    public static DicomTag ItemDelimitationItem => new(0xFFFE_E00D);

    public static DicomTag SequenceDelimitationItem => new(0xFFFE_E0DD);

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>The tag as DICOM writes it: (GGGG,EEEE).</summary>
    public override string ToString() =>
        string.Create(11, Value, static (span, v) =>
        {
            span[0] = '(';
            ((ushort)(v >> 16)).TryFormat(span[1..], out _, "X4", CultureInfo.InvariantCulture);
            span[5] = ',';
            ((ushort)v).TryFormat(span[6..], out _, "X4", CultureInfo.InvariantCulture);
            span[10] = ')';
        });

    /// <summary>The tag as eight hex digits, GGGGEEEE, as the DICOM JSON model keys it.</summary>
    public string ToHexString() => Value.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Parses "(0010,0010)", "0010,0010", "00100010" or a keyword of the dictionary.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        text = text.Trim();
        if (text.Length > 2 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1];
        }

        if (text.Length == 9 && text[4] == ',')
        {
            if (ushort.TryParse(text[..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g)
                && ushort.TryParse(text[5..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var e))
            {
                tag = new DicomTag(g, e);
                return true;
            }
        }
        else if (text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            tag = new DicomTag(v);
            return true;
        }
        else if (DicomDictionary.TryGetTag(text.ToString(), out tag))
        {
            return true;
        }

        tag = default;
        return false;
    }

    public static DicomTag Parse(string text) =>
        TryParse(text, out var tag) ? tag : throw new FormatException($"'{text}' is neither a tag like (0010,0010) or 00100010 nor a known keyword.");
}
