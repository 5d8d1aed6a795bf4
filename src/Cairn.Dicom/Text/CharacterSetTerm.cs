using System.Globalization;

namespace Cairn.Dicom;

/// <summary>
/// One Defined Term of Specific Character Set (0008,0005) and the sets it brings in (PS3.3 C.12.1.1.2): for the
/// single-byte and ISO 2022 terms a G0 and/or a G1 set, for UTF-8, GB18030 and GBK a code page.
/// </summary>
internal sealed record CharacterSetTerm(string Name, CharacterSetScheme Scheme, CodeElement? G0, CodeElement? G1, int CodePage = 0)
{
    public const int Utf8CodePage = 65001;

    /// <summary>A multi-byte ISO 2022 set, which may only be value 2 or later.</summary>
    public bool IsMultiByte => G0 is { IsDoubleByte: true } || G1 is { IsDoubleByte: true };

    /// <summary>The term for an exact Defined Term; null for anything else.</summary>
    public static CharacterSetTerm? FromDefinedTerm(string term)
    {
        switch (term)
        {
            case "ISO_IR 192":
                return new(term, CharacterSetScheme.Direct, null, null, Utf8CodePage);
            case "GB18030":
                return new(term, CharacterSetScheme.Direct, null, null, 54936);
            case "GBK":
                return new(term, CharacterSetScheme.Direct, null, null, 936);
        }

        if (TryNumberAfter(term, "ISO_IR ", out var ir) && IsCanonical(term, "ISO_IR ", ir) && SingleByteSet(ir) is { } upper)
        {
            return new(term, CharacterSetScheme.SingleByte, G0Of(ir), upper);
        }

        if (!TryNumberAfter(term, "ISO 2022 IR ", out ir) || !IsCanonical(term, "ISO 2022 IR ", ir))
        {
            return null;
        }

        return ir switch
        {
            6 => new(term, CharacterSetScheme.Iso2022, CodeElement.Ascii, null),
            87 => new(term, CharacterSetScheme.Iso2022, CodeElement.Jis0208, null),
            159 => new(term, CharacterSetScheme.Iso2022, CodeElement.Jis0212, null),
            149 => new(term, CharacterSetScheme.Iso2022, null, CodeElement.KsX1001),
            58 => new(term, CharacterSetScheme.Iso2022, null, CodeElement.Gb2312),
            _ => SingleByteSet(ir) is { } set ? new(term, CharacterSetScheme.Iso2022, G0Of(ir), set) : null,
        };
    }

    /// <summary>
    /// The term that <paramref name="value"/> is or obviously means: case, underscores, hyphens and spaces are ignored
    /// ("iso_ir_100", "ISO IR 100", "ISO_IR100"), and UTF-8 and ISO 8859-n name their terms. <paramref name="note"/>
    /// says what was read when <paramref name="value"/> is not itself a Defined Term. Null when nothing fits.
    /// </summary>
    public static CharacterSetTerm? Recognize(string value, out string? note)
    {
        note = null;
        if (FromDefinedTerm(value) is { } exact)
        {
            return exact;
        }

        var key = new string([.. value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        string? canonical = key switch
        {
            "GB18030" or "GBK" => key,
            "UTF8" => "ISO_IR 192",
            _ when TryNumberAfter(key, "ISO2022IR", out var n) => Spell("ISO 2022 IR ", n),
            _ when TryNumberAfter(key, "ISOIR", out var n) => Spell("ISO_IR ", n),
            _ when TryNumberAfter(key, "ISO8859", out var part) && IrOfIso8859Part(part) is { } ir => Spell("ISO_IR ", ir),
            _ => null,
        };

        if (canonical == "ISO_IR 6")
        {
            // Not a Defined Term, but common in the wild for the default repertoire.
            note = $"'{value}' is not a Defined Term; read as the default repertoire (ISO-IR 6)";
            return new(canonical, CharacterSetScheme.SingleByte, CodeElement.Ascii, null);
        }

        if (canonical is null || FromDefinedTerm(canonical) is not { } term)
        {
            return null;
        }

        note = $"'{value}' is not a Defined Term; read as '{canonical}'";
        return term;
    }

    /// <summary>The same sets as a term with code extensions ("ISO_IR 100" → "ISO 2022 IR 100").</summary>
    public CharacterSetTerm WithCodeExtensions() =>
        Scheme == CharacterSetScheme.SingleByte ? this with { Scheme = CharacterSetScheme.Iso2022 } : this;

    /// <summary>The G1 set of the single-byte terms, by ISO-IR number.</summary>
    private static CodeElement? SingleByteSet(int ir) => ir switch
    {
        100 => CodeElement.Latin1,
        101 => CodeElement.Latin2,
        109 => CodeElement.Latin3,
        110 => CodeElement.Latin4,
        144 => CodeElement.Cyrillic,
        127 => CodeElement.Arabic,
        126 => CodeElement.Greek,
        138 => CodeElement.Hebrew,
        148 => CodeElement.Latin5,
        203 => CodeElement.Latin9,
        13 => CodeElement.JisKatakana,
        166 => CodeElement.Thai,
        _ => null,
    };

    // ISO_IR 13 puts JIS X 0201 Romaji in G0; every other single-byte term, ASCII.
    private static CodeElement G0Of(int ir) => ir == 13 ? CodeElement.JisRomaji : CodeElement.Ascii;

    private static int? IrOfIso8859Part(int part) => part switch
    {
        1 => 100,
        2 => 101,
        3 => 109,
        4 => 110,
        5 => 144,
        6 => 127,
        7 => 126,
        8 => 138,
        9 => 148,
        11 => 166,
        15 => 203,
        _ => null,
    };

    private static string Spell(string prefix, int ir) => prefix + ir.ToString(CultureInfo.InvariantCulture);

    // "ISO_IR 0100" is not the Defined Term, though it means it.
    private static bool IsCanonical(string term, string prefix, int ir) => term == Spell(prefix, ir);

    private static bool TryNumberAfter(string text, string prefix, out int number)
    {
        number = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && text.Length > prefix.Length
            && text.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
