using System.Text;

namespace Cairn.Dicom;

/// <summary>
/// Text in G0/G1 sets switched by ISO 2022 escape sequences (PS3.5 6.1.2.5): every character set but UTF-8,
/// GB18030 and GBK. A character set without code extensions is the special case of a fixed G0 and G1.
/// </summary>
/// <remarks>
/// The initial designations (those of value 1 of Specific Character Set) hold at the start of each value and again
/// after each delimiter: CR, LF, TAB, FF, the backslash between values and, in PN, '^' and '='. The writer switches
/// back before each of them (PS3.5 6.1.2.5.3); the reader resets there, as writers that follow the standard
/// re-designate what they need after each one.
/// </remarks>
internal sealed class Iso2022Codec
{
    private const byte Esc = 0x1B;

    private readonly CodeElement _initialG0;
    private readonly CodeElement? _initialG1;
    private readonly CodeElement _undesignatedG1;
    private readonly IReadOnlyList<CodeElement> _candidates;
    private readonly DoubleByteCodecs _codecs;
    private readonly bool _followEscapes;
    private readonly string _description;

    /// <param name="initialG0">The G0 set at the start of a value: ASCII or JIS X 0201 Romaji.</param>
    /// <param name="initialG1">The G1 set at the start of a value, if value 1 designates one.</param>
    /// <param name="undesignatedG1">How a reader takes GR bytes while no G1 set is designated.</param>
    /// <param name="candidates">The non-ASCII sets a writer may use, in order of preference; empty for ASCII only.</param>
    /// <param name="followEscapes">
    /// Code extensions are in use. Without them an ESC byte is read as the control character it is, as other
    /// toolkits do: the standard gives it no meaning there.
    /// </param>
    /// <param name="description">The character set as error messages name it.</param>
    public Iso2022Codec(CodeElement initialG0, CodeElement? initialG1, CodeElement undesignatedG1, IReadOnlyList<CodeElement> candidates, bool followEscapes, string description)
    {
        _initialG0 = initialG0;
        _initialG1 = initialG1;
        _undesignatedG1 = undesignatedG1;
        _candidates = candidates;
        _followEscapes = followEscapes;
        _description = description;
        _codecs = new DoubleByteCodecs(candidates);
    }

    /// <summary>Whether <see cref="Decode"/> treats ESC as the start of an escape sequence.</summary>
    public bool FollowsEscapes => _followEscapes;

    /// <summary>Lenient: unknown escape sequences and bytes that no designated set defines become U+FFFD.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var (backslash, personName) = DelimitersOf(vr);
        var text = new StringBuilder(bytes.Length);
        var g0 = _initialG0;
        var g1 = _initialG1;
        var codecs = _codecs;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == Esc && _followEscapes)
            {
                var length = EscapeSequenceLength(bytes[i..]);
                switch (length > 1 ? CodeElement.FromEscape(bytes.Slice(i + 1, length - 1)) : null)
                {
                    case null:
                        text.Append(CodeElement.Replacement);
                        break;
                    case var designated:
                        // Lenient: a two-byte set the terms do not name is read all the same.
                        codecs = designated.IsDoubleByte ? codecs.With(designated) : codecs;
                        if (designated.IsG1)
                        {
                            g1 = designated;
                        }
                        else
                        {
                            g0 = designated;
                        }

                        break;
                }

                i += length;
            }
            else if (b < 0x80)
            {
                if (g0.IsDoubleByte && IsGraphicGL(b))
                {
                    if (i + 1 < bytes.Length && IsGraphicGL(bytes[i + 1]))
                    {
                        codecs.Decode(g0, b, bytes[i + 1], text);
                        i += 2;
                    }
                    else
                    {
                        text.Append(CodeElement.Replacement);
                        i++;
                    }

                    continue;
                }

                // Space, controls and delimiters are the same in every G0 set; a two-byte G0 never holds them.
                text.Append((char)b);
                if (IsDelimiter(b, backslash, personName))
                {
                    g0 = _initialG0;
                    g1 = _initialG1;
                }

                i++;
            }
            else
            {
                var set = g1 ?? _undesignatedG1;
                if (!set.IsDoubleByte)
                {
                    text.Append(set.DecodeUpper(b));
                    i++;
                }
                else if (IsGraphicGR(b) && i + 1 < bytes.Length && IsGraphicGR(bytes[i + 1]))
                {
                    codecs.Decode(set, b, bytes[i + 1], text);
                    i += 2;
                }
                else
                {
                    text.Append(CodeElement.Replacement);
                    i++;
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Strict: each character goes into the designated set that has it, else into the first candidate set that has
    /// it (after its escape sequence); a character that none has is refused with a <see cref="DicomValueException"/>.
    /// The text holds no ESC (the caller refuses it).
    /// </summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        var (backslash, personName) = DelimitersOf(vr);
        var output = new List<byte>(text.Length * 2);
        Span<byte> coded = stackalloc byte[2];
        var g0 = _initialG0;
        var g1 = _initialG1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (IsDelimiter(c, backslash, personName))
                {
                    ReturnToInitial(output, g0, g1);
                    g0 = _initialG0;
                    g1 = _initialG1;
                }
                else if (g0.IsDoubleByte)
                {
                    Designate(output, _initialG0);
                    g0 = _initialG0;
                }

                output.Add((byte)c);
                continue;
            }

            // No ISO 2022 set DICOM names holds characters beyond the BMP.
            var count = 0;
            var element = char.IsSurrogate(c) ? null : Choose(c, g0, g1, coded, out count);
            if (element is null)
            {
                throw new DicomValueException($"{Describe(text, i)} cannot be encoded in {_description}.");
            }

            if (element.IsG1 ? !ReferenceEquals(element, g1) : !ReferenceEquals(element, g0))
            {
                Designate(output, element);
                if (element.IsG1)
                {
                    g1 = element;
                }
                else
                {
                    g0 = element;
                }
            }

            output.AddRange(coded[..count]);
        }

        ReturnToInitial(output, g0, g1);
        return [.. output];
    }

    /// <summary>Names a character for an error message: the character, its code point and where it is.</summary>
    public static string Describe(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return $"'{text.Substring(index, 2)}' (U+{char.ConvertToUtf32(c, text[index + 1]):X4}) at index {index}";
        }

        var shown = char.IsControl(c) || char.IsSurrogate(c) ? "" : $"'{c}' ";
        return $"{shown}(U+{(int)c:X4}) at index {index}";
    }

    /// <summary>Length of the escape sequence at the start of <paramref name="bytes"/>: ESC, intermediates 0x20–0x2F, a final 0x30–0x7E.</summary>
    private static int EscapeSequenceLength(ReadOnlySpan<byte> bytes)
    {
        var i = 1;
        while (i < bytes.Length && bytes[i] is >= 0x20 and <= 0x2F)
        {
            i++;
        }

        return i < bytes.Length && bytes[i] is >= 0x30 and <= 0x7E ? i + 1 : i;
    }

    private static bool IsGraphicGL(byte b) => b is >= 0x21 and <= 0x7E;

    private static bool IsGraphicGR(byte b) => b is >= 0xA1 and <= 0xFE;

    private static void Designate(List<byte> output, CodeElement element)
    {
        output.Add(Esc);
        foreach (var c in element.Escape)
        {
            output.Add((byte)c);
        }
    }

    /// <summary>The designated sets first (no escape needed), then the candidates in the order of the defined terms.</summary>
    private CodeElement? Choose(char c, CodeElement g0, CodeElement? g1, Span<byte> coded, out int count)
    {
        if (g0.IsDoubleByte && TryEncode(g0, c, coded, out count))
        {
            return g0;
        }

        if (g1 is not null && TryEncode(g1, c, coded, out count))
        {
            return g1;
        }

        foreach (var candidate in _candidates)
        {
            if (TryEncode(candidate, c, coded, out count))
            {
                return candidate;
            }
        }

        count = 0;
        return null;
    }

    private bool TryEncode(CodeElement element, char c, Span<byte> coded, out int count)
    {
        count = 0;
        if (element.IsDoubleByte)
        {
            if (!_codecs.TryEncode(element, c, coded))
            {
                return false;
            }

            count = 2;
            return true;
        }

        var value = element.EncodeUpper(c);
        if (value < 0)
        {
            return false;
        }

        coded[0] = (byte)value;
        count = 1;
        return true;
    }

    /// <summary>Designates value 1's sets again where they were replaced, before a delimiter and at the end of the value.</summary>
    private void ReturnToInitial(List<byte> output, CodeElement g0, CodeElement? g1)
    {
        if (!ReferenceEquals(g0, _initialG0))
        {
            Designate(output, _initialG0);
        }

        // With no G1 in value 1 there is nothing to designate back; readers reset G1 at delimiters.
        if (_initialG1 is not null && !ReferenceEquals(g1, _initialG1))
        {
            Designate(output, _initialG1);
        }
    }

    /// <summary>Whether the backslash (all but LT, ST, UT, UR) and '^' and '=' (PN) delimit, for one VR.</summary>
    private static (bool Backslash, bool PersonName) DelimitersOf(DicomVR vr) => (!vr.IsSingleValuedText, vr == DicomVR.PN);

    /// <summary>The characters after which the initial designations hold again.</summary>
    private static bool IsDelimiter(int c, bool backslash, bool personName) =>
        c is '\r' or '\n' or '\t' or '\f'
        || (backslash && c == '\\')
        || (personName && c is '^' or '=');
}
