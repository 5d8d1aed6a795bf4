using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// The code pages behind the two-byte ISO 2022 sets one character set uses, and the conversion of one character
/// between them and DICOM's bytes. Each instance owns its Encoding objects: ones with chosen fallbacks are clones
/// that are not read-only, so they are never shared through static state.
/// </summary>
internal sealed class DoubleByteCodecs
{
    private readonly Encoding? _jis;
    private readonly Encoding? _ksX1001;
    private readonly Encoding? _gb2312;

    /// <summary>Prepares the code pages of the two-byte sets among <paramref name="elements"/>.</summary>
    public DoubleByteCodecs(IEnumerable<CodeElement> elements)
    {
        foreach (var element in elements)
        {
            if (element.Form is CodeElementForm.Jis0208 or CodeElementForm.Jis0212)
            {
                _jis ??= Create(element.CodePage);
            }
            else if (ReferenceEquals(element, CodeElement.KsX1001))
            {
                _ksX1001 ??= Create(element.CodePage);
            }
            else if (ReferenceEquals(element, CodeElement.Gb2312))
            {
                _gb2312 ??= Create(element.CodePage);
            }
        }
    }

    private DoubleByteCodecs(DoubleByteCodecs prepared, CodeElement element)
        : this([element])
    {
        _jis ??= prepared._jis;
        _ksX1001 ??= prepared._ksX1001;
        _gb2312 ??= prepared._gb2312;
    }

    /// <summary>Whether the code page of <paramref name="element"/> (a two-byte set) is prepared.</summary>
    public bool Covers(CodeElement element) => Prepared(element) is not null;

    /// <summary>These codecs and that of <paramref name="element"/>: for a set an escape sequence designates though the terms do not name it.</summary>
    public DoubleByteCodecs With(CodeElement element) => Covers(element) ? this : new DoubleByteCodecs(this, element);

    /// <summary>
    /// Appends the character of a two-byte set for the bytes as they stand in the value (GL for JIS X 0208/0212,
    /// GR for KS X 1001 and GB 2312); U+FFFD when the set has none there.
    /// </summary>
    public void Decode(CodeElement element, byte first, byte second, StringBuilder text)
    {
        Span<byte> bytes = [(byte)(first | 0x80), element.Form == CodeElementForm.Jis0212 ? second : (byte)(second | 0x80)];
        Span<char> chars = stackalloc char[4];
        var count = EncodingFor(element).GetChars(bytes, chars);
        text.Append(chars[..count]);
    }

    /// <summary>The two bytes of <paramref name="c"/> in a two-byte set, as they stand in the value; false when the set lacks it.</summary>
    public bool TryEncode(CodeElement element, char c, Span<byte> bytes)
    {
        Span<byte> coded = stackalloc byte[8];
        var count = EncodingFor(element).GetBytes(new ReadOnlySpan<char>(in c), coded);
        if (count != 2 || coded[0] is < 0xA1 or > 0xFE)
        {
            return false; // not in the code page, or one byte, or (for EUC-JP) half-width katakana behind 0x8E
        }

        var second = coded[1];
        switch (element.Form)
        {
            case CodeElementForm.Jis0208 when second is >= 0xA1 and <= 0xFE:
                bytes[0] = (byte)(coded[0] & 0x7F);
                bytes[1] = (byte)(second & 0x7F);
                return true;
            case CodeElementForm.Jis0212 when second is >= 0x21 and <= 0x7E:
                bytes[0] = (byte)(coded[0] & 0x7F);
                bytes[1] = second;
                return true;
            case CodeElementForm.DoubleByte when second is >= 0xA1 and <= 0xFE:
                bytes[0] = coded[0];
                bytes[1] = second;
                return true;
            default:
                return false;
        }
    }

    private static Encoding Create(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage, new EncoderReplacementFallback(""), new DecoderReplacementFallback(CodeElement.Replacement.ToString()))
        ?? throw new InvalidOperationException($"code page {codePage} is not available");

    private Encoding? Prepared(CodeElement element) => element.Form switch
    {
        CodeElementForm.Jis0208 or CodeElementForm.Jis0212 => _jis,
        _ when ReferenceEquals(element, CodeElement.KsX1001) => _ksX1001,
        _ when ReferenceEquals(element, CodeElement.Gb2312) => _gb2312,
        _ => null,
    };

    private Encoding EncodingFor(CodeElement element) =>
        Prepared(element) ?? throw new InvalidOperationException($"{element} was not prepared");
}
