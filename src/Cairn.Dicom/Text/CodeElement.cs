using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// One graphic character set that a Specific Character Set term brings in, with the escape sequence that designates
/// it (PS3.3 Tables C.12-3 and C.12-4, PS3.5 6.1.2.5). Instances are immutable and shared.
/// </summary>
internal sealed class CodeElement
{
    /// <summary>What a decoder writes for bytes it cannot read.</summary>
    public const char Replacement = '\uFFFD';

    private readonly string? _upperHalf;

    private CodeElement(string name, string escape, CodeElementForm form, string? upperHalf = null, int codePage = 0)
    {
        Name = name;
        Escape = escape;
        Form = form;
        _upperHalf = upperHalf;
        CodePage = codePage;
    }

    public static CodeElement Ascii { get; } = new("ISO-IR 6", "(B", CodeElementForm.Ascii);

    public static CodeElement JisRomaji { get; } = new("ISO-IR 14 (JIS X 0201 Romaji)", "(J", CodeElementForm.JisRomaji);

    public static CodeElement JisKatakana { get; } = new("ISO-IR 13 (JIS X 0201 Katakana)", ")I", CodeElementForm.SingleByte, KatakanaTable());

    public static CodeElement Latin1 { get; } = SingleByte("ISO-IR 100 (Latin alphabet No. 1)", "-A", 28591);

    public static CodeElement Latin2 { get; } = SingleByte("ISO-IR 101 (Latin alphabet No. 2)", "-B", 28592);

    public static CodeElement Latin3 { get; } = SingleByte("ISO-IR 109 (Latin alphabet No. 3)", "-C", 28593);

    public static CodeElement Latin4 { get; } = SingleByte("ISO-IR 110 (Latin alphabet No. 4)", "-D", 28594);

    public static CodeElement Cyrillic { get; } = SingleByte("ISO-IR 144 (Cyrillic)", "-L", 28595);

    public static CodeElement Arabic { get; } = SingleByte("ISO-IR 127 (Arabic)", "-G", 28596);

    public static CodeElement Greek { get; } = SingleByte("ISO-IR 126 (Greek)", "-F", 28597);

    public static CodeElement Hebrew { get; } = SingleByte("ISO-IR 138 (Hebrew)", "-H", 28598);

    public static CodeElement Latin5 { get; } = SingleByte("ISO-IR 148 (Latin alphabet No. 5)", "-M", 28599);

    public static CodeElement Latin9 { get; } = SingleByte("ISO-IR 203 (Latin alphabet No. 9)", "-b", 28605);

    /// <summary>TIS 620; windows-874 is its superset (it adds a few characters in 0x80–0x9F, which are read but never written).</summary>
    public static CodeElement Thai { get; } = SingleByte("ISO-IR 166 (TIS 620 Thai)", "-T", 874);

    /// <summary>Coded through EUC-JP (code page 20932), which holds JIS X 0208 as two GR bytes.</summary>
    public static CodeElement Jis0208 { get; } = new("ISO-IR 87 (JIS X 0208 Kanji)", "$B", CodeElementForm.Jis0208, codePage: 20932);

    /// <summary>Code page 20932 holds JIS X 0212 as a GR lead byte and a GL trail byte (not the 0x8F prefix of EUC-JP).</summary>
    public static CodeElement Jis0212 { get; } = new("ISO-IR 159 (JIS X 0212 supplementary Kanji)", "$(D", CodeElementForm.Jis0212, codePage: 20932);

    public static CodeElement KsX1001 { get; } = new("ISO-IR 149 (KS X 1001 Korean)", "$)C", CodeElementForm.DoubleByte, codePage: 51949);

    public static CodeElement Gb2312 { get; } = new("ISO-IR 58 (GB 2312 Chinese)", "$)A", CodeElementForm.DoubleByte, codePage: 20936);

    public string Name { get; }

    /// <summary>The bytes that follow ESC in the designating escape sequence, as ASCII text.</summary>
    public string Escape { get; }

    public CodeElementForm Form { get; }

    /// <summary>The code page that holds a two-byte set's characters; 0 for one-byte sets.</summary>
    public int CodePage { get; }

    /// <summary>Invoked into GR (bytes at and above 0x80); the others are G0 sets in GL.</summary>
    public bool IsG1 => Form is CodeElementForm.SingleByte or CodeElementForm.DoubleByte;

    public bool IsDoubleByte => Form is CodeElementForm.Jis0208 or CodeElementForm.Jis0212 or CodeElementForm.DoubleByte;

    /// <summary>
    /// The set an escape sequence designates, given the bytes after ESC; null when it is not one DICOM uses. Also
    /// takes ESC $ @ (JIS C 6226-1978) and ESC $ ( B as JIS X 0208, as ISO-2022-JP writers sometimes use them.
    /// </summary>
    public static CodeElement? FromEscape(ReadOnlySpan<byte> afterEsc) => Encoding.ASCII.GetString(afterEsc) switch
    {
        "(B" => Ascii,
        "(J" => JisRomaji,
        ")I" => JisKatakana,
        "-A" => Latin1,
        "-B" => Latin2,
        "-C" => Latin3,
        "-D" => Latin4,
        "-L" => Cyrillic,
        "-G" => Arabic,
        "-F" => Greek,
        "-H" => Hebrew,
        "-M" => Latin5,
        "-b" => Latin9,
        "-T" => Thai,
        "$B" or "$@" or "$(B" => Jis0208,
        "$(D" => Jis0212,
        "$)C" => KsX1001,
        "$)A" => Gb2312,
        _ => null,
    };

    /// <summary>The character of a one-byte G1 set for a byte at or above 0x80; U+FFFD where the set has none.</summary>
    public char DecodeUpper(byte value) => _upperHalf is null || value < 0x80 ? Replacement : _upperHalf[value - 0x80];

    /// <summary>The byte (0xA0–0xFF) of a one-byte G1 set for <paramref name="c"/>, or -1 when the set lacks it.</summary>
    public int EncodeUpper(char c)
    {
        if (_upperHalf is null || c == Replacement)
        {
            return -1;
        }

        // Only 0xA0 and up: 0x80–0x9F are C1 controls (or vendor additions), never graphic characters in DICOM.
        var index = _upperHalf.IndexOf(c, 0x20);
        return index < 0 ? -1 : 0x80 + index;
    }

    public override string ToString() => Name;

    private static CodeElement SingleByte(string name, string escape, int codePage) =>
        new(name, escape, CodeElementForm.SingleByte, UpperHalfOf(codePage));

    /// <summary>
    /// The 128 characters of bytes 0x80–0xFF in a one-byte code page. Windows code pages map bytes a set leaves
    /// undefined to private-use characters; those become U+FFFD so that a reader sees them as unreadable.
    /// </summary>
    private static string UpperHalfOf(int codePage)
    {
        // Read-only default instances; only their byte-to-character tables are used, once.
        var encoding = codePage == 28591
            ? Encoding.Latin1
            : CodePagesEncodingProvider.Instance.GetEncoding(codePage)
              ?? throw new InvalidOperationException($"code page {codePage} is not available");
        var chars = new char[128];
        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[2];
        for (var i = 0; i < chars.Length; i++)
        {
            one[0] = (byte)(0x80 + i);
            var count = encoding.GetChars(one, decoded);
            var c = count == 1 ? decoded[0] : Replacement;
            chars[i] = c < 0x80 || c is >= '\uE000' and <= '\uF8FF' ? Replacement : c;
        }

        return new string(chars);
    }

    /// <summary>JIS X 0201 Katakana: 0xA1–0xDF are the half-width katakana U+FF61–U+FF9F; the rest is undefined.</summary>
    private static string KatakanaTable() =>
        string.Create(128, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var value = 0x80 + i;
                chars[i] = value is >= 0xA1 and <= 0xDF ? (char)(0xFF61 + value - 0xA1) : Replacement;
            }
        });
}
