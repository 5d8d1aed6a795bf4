using System.Collections.Frozen;
using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// The character repertoires named by a Specific Character Set (0008,0005) value, and how to turn a string
/// value's bytes into text and back (PS3.5 6.1, PS3.3 C.12.1.1.2).
/// </summary>
/// <remarks>
/// <para>
/// Reading is lenient and never throws. Without a Specific Character Set (the default repertoire, ISO-IR 6) bytes
/// above 0x7F are read as Latin-1, as most systems write them that way. Misspelt terms ("ISO_IR_100", "iso ir 100")
/// are read as the term they mean; a term that is not known at all is read as Latin-1. Either is reported in
/// <see cref="Warnings"/>. With code extensions (more than one term, or an "ISO 2022" term) escape sequences are
/// followed, even to sets the terms do not name; without them ESC is an ordinary control character. Bytes that no
/// designated set defines, and unknown escape sequences, become U+FFFD. GR bytes while no G1 set is designated are
/// read in the first G1 set the terms name (so raw EUC-KR under "\ISO 2022 IR 149" reads), else as Latin-1.
/// JIS X 0201 Romaji is read and written as ASCII (0x5C is the backslash that delimits values).
/// </para>
/// <para>
/// Writing is strict: <see cref="Encode"/> refuses a character the character set cannot represent with a
/// <see cref="DicomValueException"/> that names it, and writes the escape sequences ISO 2022 needs, returning to
/// value 1's sets before each delimiter and at the end of the value (PS3.5 6.1.2.5.3).
/// </para>
/// </remarks>
public sealed class DicomCharacterSet
{
    private const string ReplacementText = "\uFFFD";
    private const string DefaultDescription = "the default repertoire (ISO-IR 6); set Specific Character Set (0008,0005) first, e.g. to ISO_IR 192";

    private readonly Encoding? _direct;
    private readonly bool _isGbk;
    private readonly Iso2022Codec? _iso2022;
    private readonly string _description;

    private DicomCharacterSet(IReadOnlyList<string> terms, IReadOnlyList<string> warnings, bool isKnown, Encoding? direct, Iso2022Codec? iso2022, bool usesCodeExtensions, string description)
    {
        // Copies behind read-only views: callers cannot reach the lists this was built from.
        Terms = Array.AsReadOnly(terms.ToArray());
        Warnings = Array.AsReadOnly(warnings.ToArray());
        IsKnown = isKnown;
        _direct = direct;
        _iso2022 = iso2022;
        _description = description;
        IsUtf8 = direct is UTF8Encoding;
        _isGbk = direct?.CodePage == 936;
        UsesCodeExtensions = usesCodeExtensions;
    }

    /// <summary>The default repertoire (ISO-IR 6). Bytes above 0x7F are read as Latin-1, as most systems do.</summary>
    public static DicomCharacterSet Default { get; } = new(
        [],
        [],
        isKnown: true,
        direct: null,
        new Iso2022Codec(CodeElement.Ascii, null, CodeElement.Latin1, [], followEscapes: false, DefaultDescription),
        usesCodeExtensions: false,
        DefaultDescription);

    /// <summary>ISO_IR 192 (UTF-8). Its Encoding is a read-only instance, so it may be shared.</summary>
    public static DicomCharacterSet Utf8 { get; } = new(["ISO_IR 192"], [], isKnown: true, new UTF8Encoding(false, false), null, usesCodeExtensions: false, "the character set 'ISO_IR 192'");

    // The single-byte Defined Terms, each built once: a received object names one of these in nearly every case, and
    // building a character set is most of what reading its header costs beyond the bytes. Immutable once built.
    private static readonly FrozenDictionary<string, DicomCharacterSet> SingleTerms =
        new[] { 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166 }
            .Select(ir => "ISO_IR " + ir.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToFrozenDictionary(term => term, Build, StringComparer.Ordinal);

    /// <summary>The defined terms, as given (the first may be empty: the default repertoire).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>What was tolerated in the terms: misspellings, unknown terms, combinations the standard forbids.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Every term was recognised (exactly or as an obvious misspelling). When not, only ASCII can be written.</summary>
    public bool IsKnown { get; }

    /// <summary>ISO_IR 192: UTF-8.</summary>
    public bool IsUtf8 { get; }

    /// <summary>ISO 2022 code extensions are in use: more than one value, or an "ISO 2022 IR" term.</summary>
    public bool UsesCodeExtensions { get; }

    /// <summary>The character set for a raw Specific Character Set value (backslash-separated terms). Never throws for odd terms.</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SingleTerms.TryGetValue(value, out var known) ? known : Build(value);
    }

    private static DicomCharacterSet Build(string value)
    {
        var terms = value.Split('\\').Select(t => t.Trim(' ', '\0')).ToArray();
        if (terms.All(t => t.Length == 0))
        {
            return Default;
        }

        if (terms is ["ISO_IR 192"])
        {
            return Utf8;
        }

        var warnings = new List<string>();
        var isKnown = true;
        var description = $"the character set '{string.Join('\\', terms)}'";

        CharacterSetTerm? Recognize(string term)
        {
            var recognised = CharacterSetTerm.Recognize(term, out var note);
            if (note is not null)
            {
                warnings.Add(note);
            }

            return recognised;
        }

        var first = terms[0].Length == 0 ? CharacterSetTerm.FromDefinedTerm("ISO 2022 IR 6")! : Recognize(terms[0]);
        if (first is null)
        {
            isKnown = false;
            warnings.Add($"'{terms[0]}' is not a known character set; bytes above 0x7F are read as Latin-1 (ISO-IR 100) and only ASCII can be written");
            first = new CharacterSetTerm(terms[0], CharacterSetScheme.SingleByte, CodeElement.Ascii, CodeElement.Latin1);
        }
        else if (terms.Length > 1 && first.Scheme == CharacterSetScheme.SingleByte)
        {
            warnings.Add($"'{first.Name}' has no code extensions; as value 1 of several it is read as its ISO 2022 term");
        }

        if (first.Scheme == CharacterSetScheme.Direct)
        {
            if (terms.Length > 1)
            {
                warnings.Add($"'{first.Name}' cannot be combined with other character sets (PS3.3 C.12.1.1.2); values 2 and later are ignored");
            }

            return new DicomCharacterSet(terms, warnings, isKnown, DirectEncoding(first.CodePage), null, usesCodeExtensions: false, description);
        }

        var candidates = new List<CodeElement>();
        void AddCandidates(CharacterSetTerm term)
        {
            foreach (var element in new[] { term.G0, term.G1 })
            {
                if (element is not null && (element.IsG1 || element.IsDoubleByte) && !candidates.Contains(element))
                {
                    candidates.Add(element);
                }
            }
        }

        AddCandidates(first);
        if (first.IsMultiByte)
        {
            warnings.Add($"'{first.Name}' is a multi-byte set, which cannot be value 1; value 1 is read as ISO 2022 IR 6 and '{first.Name}' as value 2");
        }

        foreach (var raw in terms.Skip(1).Where(t => t.Length > 0))
        {
            var term = Recognize(raw);
            if (term is null)
            {
                isKnown = false;
                warnings.Add($"'{raw}' is not a known character set; ignored");
            }
            else if (term.Scheme == CharacterSetScheme.Direct)
            {
                warnings.Add($"'{term.Name}' cannot be combined with other character sets (PS3.3 C.12.1.1.2); ignored");
            }
            else
            {
                if (term.Scheme == CharacterSetScheme.SingleByte)
                {
                    warnings.Add($"'{term.Name}' has no code extensions; as a further value it is read as its ISO 2022 term");
                }

                AddCandidates(term);
            }
        }

        var initialG0 = first.G0 is { IsDoubleByte: false } g0 ? g0 : CodeElement.Ascii;
        var initialG1 = first.G1 is { IsDoubleByte: false } g1 ? g1 : null;
        var undesignatedG1 = candidates.FirstOrDefault(c => c.IsG1) ?? CodeElement.Latin1;
        var usesCodeExtensions = terms.Length > 1 || first.Scheme == CharacterSetScheme.Iso2022;
        var codec = new Iso2022Codec(initialG0, initialG1, undesignatedG1, candidates, usesCodeExtensions, description);
        return new DicomCharacterSet(terms, warnings, isKnown, null, codec, usesCodeExtensions, description);
    }

    /// <summary>Text from a value's bytes (padding already removed). Lenient: never throws; unreadable bytes become U+FFFD.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (_direct is not null)
        {
            return _direct.GetString(bytes);
        }

        // Most values are plain ASCII, which every other character set reads alike (escape sequences aside).
        if (Ascii.IsValid(bytes) && !(_iso2022!.FollowsEscapes && bytes.Contains((byte)0x1B)))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        return _iso2022!.Decode(bytes, vr);
    }

    /// <summary>
    /// A value's bytes for <paramref name="text"/> (all values with their backslashes), unpadded. Strict: throws a
    /// <see cref="DicomValueException"/> naming the first character the character set cannot represent.
    /// </summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escape = text.IndexOf('\u001B', StringComparison.Ordinal);
        if (escape >= 0)
        {
            throw new DicomValueException($"{Iso2022Codec.Describe(text, escape)} cannot be written: escape sequences are made by the encoder, not taken from the text.");
        }

        if (_direct is not null)
        {
            return EncodeDirect(text);
        }

        var nonAscii = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007F');
        if (nonAscii < 0)
        {
            return Encoding.ASCII.GetBytes(text);
        }

        if (!IsKnown)
        {
            throw new DicomValueException($"{Iso2022Codec.Describe(text, nonAscii)} cannot be encoded: {_description} is not known, so only ASCII can be written.");
        }

        return _iso2022!.Encode(text, vr);
    }

    public override string ToString() => string.Join('\\', Terms);

    private static Encoding DirectEncoding(int codePage) =>
        codePage == CharacterSetTerm.Utf8CodePage
            ? new UTF8Encoding(false, false)
            : CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(ReplacementText))
              ?? throw new InvalidOperationException($"code page {codePage} is not available");

    /// <summary>The index of an unpaired surrogate, which no character set can encode; -1 when there is none.</summary>
    private static int IndexOfLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private byte[] EncodeDirect(string text)
    {
        var lone = IndexOfLoneSurrogate(text);
        if (lone >= 0)
        {
            throw Unrepresentable(text, lone);
        }

        if (IsUtf8)
        {
            return _direct!.GetBytes(text);
        }

        try
        {
            if (_isGbk)
            {
                // Code page 936 writes '€' as the single byte 0x80, which GBK does not define.
                for (var i = 0; i < text.Length; i++)
                {
                    if (text[i] >= 0x80 && !char.IsSurrogate(text[i]) && _direct!.GetByteCount(text.AsSpan(i, 1)) == 1)
                    {
                        throw Unrepresentable(text, i);
                    }
                }
            }

            return _direct!.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new DicomValueException($"{Iso2022Codec.Describe(text, Math.Clamp(e.Index, 0, text.Length - 1))} cannot be encoded in {_description}.", e);
        }
    }

    private DicomValueException Unrepresentable(string text, int index) =>
        new($"{Iso2022Codec.Describe(text, index)} cannot be encoded in {_description}.");
}
