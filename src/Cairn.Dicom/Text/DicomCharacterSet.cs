using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// The character repertoires named by a Specific Character Set (0008,0005) value, and how to turn a string
/// value's bytes into text and back (PS3.5 6.1, PS3.3 C.12.1.1.2).
/// </summary>
public sealed class DicomCharacterSet
{
    private readonly Encoding _encoding;

    private DicomCharacterSet(IReadOnlyList<string> terms, Encoding encoding)
    {
        Terms = terms;
        _encoding = encoding;
    }

    /// <summary>The default repertoire (ISO IR 6). Bytes above 0x7F are read as Latin-1, as most systems do.</summary>
    public static DicomCharacterSet Default { get; } = new([], Encoding.Latin1);

    public static DicomCharacterSet Utf8 { get; } = new(["ISO_IR 192"], new UTF8Encoding(false, false));

    /// <summary>The defined terms, as given (the first may be empty: the default repertoire).</summary>
    public IReadOnlyList<string> Terms { get; }

    public static DicomCharacterSet FromSpecificCharacterSet(string value)
    {
        var terms = value.Split('\\').Select(t => t.Trim(' ', '\0')).ToArray();
        return terms.Length == 1 && terms[0] == "ISO_IR 192" ? Utf8
            : terms.All(t => t.Length == 0) ? Default
            : new DicomCharacterSet(terms, Encoding.Latin1);
    }

    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        _ = vr;
        return _encoding.GetString(bytes);
    }

    public byte[] Encode(string text, DicomVR vr)
    {
        _ = vr;
        return _encoding.GetBytes(text);
    }

    public override string ToString() => string.Join('\\', Terms);
}
