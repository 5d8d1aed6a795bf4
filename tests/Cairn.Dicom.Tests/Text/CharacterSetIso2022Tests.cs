using System.Text;
using CsCheck;

namespace Cairn.Dicom.Tests.Text;

/// <summary>Code extensions: escape sequences written where needed and followed when read (PS3.5 6.1.2.5, Annexes H–K).</summary>
public class CharacterSetIso2022Tests
{
    // Bytes are written as Latin-1 text: "\u001B" is ESC, "\u00FB" the byte FB.
    public static TheoryData<string, string, string> PersonNames => new()
    {
        // PS3.5 H.3.1: JIS X 0208 in G0, back to ASCII before each delimiter.
        {
            "\\ISO 2022 IR 87",
            "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "Yamada^Tarou=\u001B$B;3ED\u001B(B^\u001B$BB@O:\u001B(B=\u001B$B$d$^$@\u001B(B^\u001B$B$?$m$&\u001B(B"
        },
        // PS3.5 H.3.2: JIS X 0201 as value 1, so the return is to Romaji (ESC ( J) and Katakana needs no escape.
        {
            "ISO 2022 IR 13\\ISO 2022 IR 87",
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
            "\u00D4\u00CF\u00C0\u00DE^\u00C0\u00DB\u00B3=\u001B$B;3ED\u001B(J^\u001B$BB@O:\u001B(J=\u001B$B$d$^$@\u001B(J^\u001B$B$?$m$&\u001B(J"
        },
        // PS3.5 I.2: KS X 1001 in G1, designated again after each delimiter.
        {
            "\\ISO 2022 IR 149",
            "Hong^Gildong=洪^吉洞=홍^길동",
            "Hong^Gildong=\u001B$)C\u00FB\u00F3^\u001B$)C\u00D1\u00CE\u00D4\u00D7=\u001B$)C\u00C8\u00AB^\u001B$)C\u00B1\u00E6\u00B5\u00BF"
        },
        // PS3.5 K.2: GB 2312 in G1.
        {
            "\\ISO 2022 IR 58",
            "Zhang^XiaoDong=张^小东=",
            "Zhang^XiaoDong=\u001B$)A\u00D5\u00C5^\u001B$)A\u00D0\u00A1\u00B6\u00AB="
        },
        // JIS X 0212 only where JIS X 0208 lacks the character (丂).
        {
            "\\ISO 2022 IR 87\\ISO 2022 IR 159",
            "山丂=x",
            "\u001B$B;3\u001B$(D0!\u001B(B=x"
        },
        // Latin-1 in G1 from value 1 needs no escape; kanji switch G0 only.
        {
            "ISO 2022 IR 100\\ISO 2022 IR 87",
            "Jérôme=山田",
            "J\u00E9r\u00F4me=\u001B$B;3ED\u001B(B"
        },
        // Two G1 sets: Greek replaces Latin-1, and Latin-1 is designated again before the delimiter.
        {
            "ISO 2022 IR 100\\ISO 2022 IR 126",
            "éΔé^Δ",
            "\u00E9\u001B-F\u00C4\u001B-A\u00E9^\u001B-F\u00C4\u001B-A"
        },
        // Thai in G1.
        {
            "\\ISO 2022 IR 166",
            "Somchai=สมชาย",
            "Somchai=\u001B-T\u00CA\u00C1\u00AA\u00D2\u00C2"
        },
    };

    [Theory]
    [MemberData(nameof(PersonNames))]
    public void Person_name_encodes_to_the_expected_escape_sequences(string specificCharacterSet, string name, string bytes)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        var encoded = characterSet.Encode(name, DicomVR.PN);

        Assert.Equal(Convert.ToHexString(Encoding.Latin1.GetBytes(bytes)), Convert.ToHexString(encoded));
        Assert.Empty(characterSet.Warnings);
    }

    [Theory]
    [MemberData(nameof(PersonNames))]
    public void Person_name_decodes_from_its_escape_sequences(string specificCharacterSet, string name, string bytes)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        Assert.Equal(name, characterSet.Decode(Encoding.Latin1.GetBytes(bytes), DicomVR.PN));
    }

    [Fact]
    public void Multiple_values_return_to_ascii_before_each_backslash()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");

        var encoded = characterSet.Encode("山田\\太郎", DicomVR.LO);

        Assert.Equal("\u001B$B;3ED\u001B(B\\\u001B$BB@O:\u001B(B", Encoding.Latin1.GetString(encoded));
        Assert.Equal("山田\\太郎", characterSet.Decode(encoded, DicomVR.LO));
    }

    [Fact]
    public void Text_returns_to_ascii_before_line_ends_and_keeps_backslashes_as_text()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");

        var encoded = characterSet.Encode("山\r\n田\\川", DicomVR.LT);

        // In LT the backslash is a character, not a delimiter: no return to ASCII is needed before it.
        Assert.Equal("\u001B$B;3\u001B(B\r\n\u001B$BED\u001B(B\\\u001B$B@n\u001B(B", Encoding.Latin1.GetString(encoded));
        Assert.Equal("山\r\n田\\川", characterSet.Decode(encoded, DicomVR.LT));
    }

    [Fact]
    public void In_text_a_g1_designation_lasts_across_a_backslash()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");
        var bytes = Encoding.Latin1.GetBytes("\u001B-F\u00C4\\\u00C4");

        Assert.Equal("Δ\\Δ", characterSet.Decode(bytes, DicomVR.LT));
        Assert.Equal("Δ\\Ä", characterSet.Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Reader_returns_to_the_initial_sets_at_delimiters_that_the_writer_left_unmarked()
    {
        var latinGreek = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");
        var japanese = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");

        Assert.Equal("Δ^é=é", latinGreek.Decode(Encoding.Latin1.GetBytes("\u001B-F\u00C4^\u00E9=\u00E9"), DicomVR.PN));
        Assert.Equal("山\r\n41", japanese.Decode(Encoding.Latin1.GetBytes("\u001B$B;3\r\n41"), DicomVR.LT));
        Assert.Equal("山\t41", japanese.Decode(Encoding.Latin1.GetBytes("\u001B$B;3\t41"), DicomVR.LT));
    }

    [Fact]
    public void Delimiter_bytes_inside_a_two_byte_character_do_not_reset()
    {
        // やまだ is ESC $ B then $d $^ $@: the 05/14 of "$^" is half of ま, not a PN component delimiter.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");

        Assert.Equal("やまだ", characterSet.Decode(Encoding.Latin1.GetBytes("\u001B$B$d$^$@\u001B(B"), DicomVR.PN));
        Assert.Equal("そ=", characterSet.Decode(Encoding.Latin1.GetBytes("\u001B$B$=\u001B(B="), DicomVR.PN));
        Assert.Equal("ぼ\\x", characterSet.Decode(Encoding.Latin1.GetBytes("\u001B$B$\\\u001B(B\\x"), DicomVR.LO));
    }

    [Fact]
    public void Raw_euc_kr_without_escape_sequences_reads_as_korean()
    {
        // Many Korean writers leave out ESC $ ) C; GR bytes then read in the G1 set the terms name.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149");

        Assert.Equal("김희중", characterSet.Decode(Convert.FromHexString("B1E8C8F1C1DF"), DicomVR.PN));
    }

    [Fact]
    public void With_code_extensions_escape_sequences_are_followed_even_to_sets_the_terms_do_not_name()
    {
        Assert.Equal("山田", DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 6").Decode(Encoding.Latin1.GetBytes("\u001B$B;3ED\u001B(B"), DicomVR.PN));
        Assert.Equal("김é", DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 87").Decode(Encoding.Latin1.GetBytes("\u001B$)C\u00B1\u00E8\u001B-A\u00E9"), DicomVR.LO));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ISO_IR 100")]
    [InlineData("ISO_IR 13")]
    public void Without_code_extensions_esc_is_an_ordinary_control_character(string specificCharacterSet)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        Assert.False(characterSet.UsesCodeExtensions);
        Assert.Equal("a\u001B$B;3\tb", characterSet.Decode(Encoding.Latin1.GetBytes("a\u001B$B;3\tb"), DicomVR.LT));
    }

    [Fact]
    public void Japanese_round_trips_with_pn_component_groups()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159");
        var alphabet = "AZaz09 ^=\\-.,ｱｲｳｴｵﾞﾟ山田太郎丸川やまだたろうアイウ丂丄αБ".ToCharArray();

        Gen.OneOf(alphabet).Array[0, 30].Select(chars => new string(chars)).Sample(name =>
        {
            Assert.Equal(name, characterSet.Decode(characterSet.Encode(name, DicomVR.PN), DicomVR.PN));
        });
    }

    [Fact]
    public void Korean_and_chinese_round_trip_with_pn_component_groups()
    {
        var korean = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149");
        var chinese = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 58");

        Gen.OneOf("Hong^=\\ 洪吉洞홍길동김희중".ToCharArray()).Array[0, 30].Select(c => new string(c)).Sample(name =>
            Assert.Equal(name, korean.Decode(korean.Encode(name, DicomVR.PN), DicomVR.PN)));
        Gen.OneOf("Wang^=\\ 王小东张".ToCharArray()).Array[0, 30].Select(c => new string(c)).Sample(name =>
            Assert.Equal(name, chinese.Decode(chinese.Encode(name, DicomVR.PN), DicomVR.PN)));
    }

    [Fact]
    public void Mixed_single_byte_sets_round_trip_in_text()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144\\ISO 2022 IR 138\\ISO 2022 IR 87");

        Gen.OneOf("ab \r\n\t\\^=éüΔλЛжשא山".ToCharArray()).Array[0, 40].Select(c => new string(c)).Sample(text =>
        {
            foreach (var vr in new[] { DicomVR.LT, DicomVR.LO, DicomVR.PN })
            {
                Assert.Equal(text, characterSet.Decode(characterSet.Encode(text, vr), vr));
            }
        });
    }

    [Fact]
    public void Encoded_value_always_ends_in_the_initial_designations()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 13\\ISO 2022 IR 87");

        var encoded = characterSet.Encode("ﾔﾏﾀﾞ山", DicomVR.LO);

        Assert.Equal("\u00D4\u00CF\u00C0\u00DE\u001B$B;3\u001B(J", Encoding.Latin1.GetString(encoded));
    }
}
