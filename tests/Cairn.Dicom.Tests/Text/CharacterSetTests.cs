using System.Text;
using CsCheck;

namespace Cairn.Dicom.Tests.Text;

public class CharacterSetTests
{
    // A sample per single-byte term, with its bytes from the ISO 8859 / TIS 620 / JIS X 0201 tables.
    public static TheoryData<int, string, string> SingleByteSamples => new()
    {
        { 100, "Buc^Jérôme", "4275635E4AE972F46D65" },
        { 101, "Łódź", "A3F364BC" },
        { 109, "Ħaĉ", "A161E6" },
        { 110, "Āķ", "C0F3" },
        { 144, "Люк", "BBEEDA" },
        { 127, "قباني", "E2C8C7E6EA" },
        { 126, "Διονυσιος", "C4E9EFEDF5F3E9EFF2" },
        { 138, "שרון", "F9F8E5EF" },
        { 148, "Ğİş", "D0DDFE" },
        { 203, "5€Œ", "35A4BC" },
        { 13, "ﾔﾏﾀﾞ^ﾀﾛｳ", "D4CFC0DE5EC0DBB3" },
        { 166, "ไทย", "E4B7C2" },
    };

    [Fact]
    public void A_single_byte_defined_term_is_built_once_and_others_as_before()
    {
        Assert.Same(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"), DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"));
        Assert.Equal(["ISO_IR 100"], DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100").Terms);

        var misspelt = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR_100");
        Assert.NotEmpty(misspelt.Warnings);
        Assert.Equal("é", misspelt.Decode([0xE9], DicomVR.LO));
        var extended = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100\\ISO 2022 IR 87");
        Assert.True(extended.UsesCodeExtensions);
    }

    [Theory]
    [MemberData(nameof(SingleByteSamples))]
    public void Single_byte_term_decodes_and_encodes_its_sample(int ir, string text, string hex)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet($"ISO_IR {ir}");
        var bytes = Convert.FromHexString(hex);

        Assert.Equal(text, characterSet.Decode(bytes, DicomVR.PN));
        Assert.Equal(hex, Convert.ToHexString(characterSet.Encode(text, DicomVR.PN)));
        Assert.Empty(characterSet.Warnings);
        Assert.False(characterSet.UsesCodeExtensions);
    }

    [Theory]
    [MemberData(nameof(SingleByteSamples))]
    public void Single_byte_term_with_code_extensions_as_value_1_needs_no_escape(int ir, string text, string hex)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet($"ISO 2022 IR {ir}");

        Assert.Equal(hex, Convert.ToHexString(characterSet.Encode(text, DicomVR.LO)));
        Assert.Equal(text, characterSet.Decode(Convert.FromHexString(hex), DicomVR.LO));
        Assert.True(characterSet.UsesCodeExtensions);
    }

    [Theory]
    [MemberData(nameof(SingleByteSamples))]
    public void Single_byte_term_as_value_2_is_designated_by_its_escape_sequence(int ir, string text, string hex)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet($"\\ISO 2022 IR {ir}");

        var encoded = characterSet.Encode(text, DicomVR.LO);

        var escape = "\u001B" + (ir == 13 ? ")I" : "-");
        // One designation, before the first non-ASCII character; no return at the end, as value 1 has no G1.
        Assert.Contains(escape, Encoding.Latin1.GetString(encoded), StringComparison.Ordinal);
        Assert.Equal((hex.Length / 2) + 3, encoded.Length);
        Assert.Equal(text, characterSet.Decode(encoded, DicomVR.LO));
        Assert.Equal(text, DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 6").Decode(encoded, DicomVR.LO));
    }

    [Fact]
    public void Utf8_and_the_chinese_sets_encode_directly()
    {
        Assert.Equal("E78E8B5EE5B08FE69DB1", Convert.ToHexString(DicomCharacterSet.Utf8.Encode("王^小東", DicomVR.PN)));
        Assert.Equal("CDF55ED0A1B6AB", Convert.ToHexString(DicomCharacterSet.FromSpecificCharacterSet("GB18030").Encode("王^小东", DicomVR.PN)));
        Assert.Equal("CDF55ED0A1B6AB", Convert.ToHexString(DicomCharacterSet.FromSpecificCharacterSet("GBK").Encode("王^小东", DicomVR.PN)));
        Assert.Equal("9439FC36", Convert.ToHexString(DicomCharacterSet.FromSpecificCharacterSet("GB18030").Encode("😀", DicomVR.LT)));
        Assert.Same(DicomCharacterSet.Utf8, DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192"));
        Assert.True(DicomCharacterSet.Utf8.IsUtf8);
        Assert.False(DicomCharacterSet.FromSpecificCharacterSet("GB18030").IsUtf8);
    }

    [Fact]
    public void Default_repertoire_writes_ascii_and_reads_high_bytes_as_latin1()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("");

        Assert.Same(DicomCharacterSet.Default, characterSet);
        Assert.Equal("Jérôme", characterSet.Decode(Encoding.Latin1.GetBytes("Jérôme"), DicomVR.PN));
        Assert.Equal("Smith^John", Encoding.ASCII.GetString(characterSet.Encode("Smith^John", DicomVR.PN)));
        Assert.Empty(characterSet.Terms);
        Assert.Equal("", characterSet.ToString());
    }

    [Theory]
    [InlineData("", "Jérôme", "'é' (U+00E9) at index 1", "default repertoire")]
    [InlineData("ISO_IR 100", "Łukasz", "'Ł' (U+0141) at index 0", "'ISO_IR 100'")]
    [InlineData("ISO_IR 100", "a\u0085b", "(U+0085) at index 1", "'ISO_IR 100'")]
    [InlineData("ISO_IR 13", "山田", "'山' (U+5C71) at index 0", "'ISO_IR 13'")]
    [InlineData("ISO_IR 166", "x€", "'€' (U+20AC) at index 1", "'ISO_IR 166'")]
    [InlineData("\\ISO 2022 IR 87", "Kim=김", "'김' (U+AE40) at index 4", "'\\ISO 2022 IR 87'")]
    [InlineData("\\ISO 2022 IR 87", "ﾔﾏﾀﾞ", "'ﾔ' (U+FF94) at index 0", "'\\ISO 2022 IR 87'")]
    [InlineData("\\ISO 2022 IR 149", "山田=😀", "'😀' (U+1F600) at index 3", "'\\ISO 2022 IR 149'")]
    [InlineData("GBK", "5€", "'€' (U+20AC) at index 1", "'GBK'")]
    public void Strict_encoding_refuses_an_unrepresentable_character_and_names_it(string specificCharacterSet, string text, string character, string set)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        var error = Assert.Throws<DicomValueException>(() => characterSet.Encode(text, DicomVR.PN));

        Assert.Contains(character, error.Message, StringComparison.Ordinal);
        Assert.Contains(set, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ISO_IR 192", 0xD800, 1)]
    [InlineData("ISO_IR 192", 0xDC00, 0)]
    [InlineData("GB18030", 0xD800, 1)]
    [InlineData("GBK", 0xDFFF, 1)]
    [InlineData("\\ISO 2022 IR 87", 0xD800, 1)]
    public void Strict_encoding_refuses_an_unpaired_surrogate(string specificCharacterSet, int surrogate, int index)
    {
        // Built here: attribute strings cannot carry an unpaired surrogate.
        var text = index == 0 ? $"{(char)surrogate}a" : $"a{(char)surrogate}";
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        var error = Assert.Throws<DicomValueException>(() => characterSet.Encode(text, DicomVR.LO));

        Assert.Contains($"(U+{surrogate:X4}) at index {index}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ISO_IR 192")]
    [InlineData("\\ISO 2022 IR 87")]
    [InlineData("")]
    public void Strict_encoding_refuses_an_escape_character_in_the_text(string specificCharacterSet)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        var error = Assert.Throws<DicomValueException>(() => characterSet.Encode("a\u001B$Bb", DicomVR.LO));

        Assert.Contains("U+001B", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ISO_IR_100", "ISO_IR 100")]
    [InlineData("ISO IR 100", "ISO_IR 100")]
    [InlineData("iso_ir 100", "ISO_IR 100")]
    [InlineData("ISO-IR 100", "ISO_IR 100")]
    [InlineData("ISO_IR100", "ISO_IR 100")]
    [InlineData("ISO-8859-1", "ISO_IR 100")]
    [InlineData("ISO 2022 IR100", "ISO 2022 IR 100")]
    public void Misspelt_term_is_read_as_the_term_it_means_with_a_warning(string term, string meant)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(term);

        Assert.True(characterSet.IsKnown);
        Assert.Contains(characterSet.Warnings, w => w.Contains($"'{term}'", StringComparison.Ordinal) && w.Contains($"'{meant}'", StringComparison.Ordinal));
        Assert.Equal("Jérôme", characterSet.Decode(Encoding.Latin1.GetBytes("Jérôme"), DicomVR.PN));
        Assert.Equal([term], characterSet.Terms);
    }

    [Theory]
    [InlineData("iso_ir 144", "Люк", "BBEEDA")]
    [InlineData("ISO IR 126", "Δι", "C4E9")]
    [InlineData("utf-8", "王", "E78E8B")]
    [InlineData("gb 18030", "王", "CDF5")]
    public void Misspelt_term_reads_its_own_repertoire(string term, string text, string hex)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(term);

        Assert.Equal(text, characterSet.Decode(Convert.FromHexString(hex), DicomVR.LO));
        Assert.NotEmpty(characterSet.Warnings);
    }

    [Fact]
    public void Iso_ir_6_is_read_as_the_default_repertoire_with_a_warning()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 6");

        Assert.True(characterSet.IsKnown);
        Assert.Single(characterSet.Warnings);
        Assert.Equal("é", characterSet.Decode([0xE9], DicomVR.LO));
        Assert.Throws<DicomValueException>(() => characterSet.Encode("é", DicomVR.LO));
    }

    [Theory]
    [InlineData("KLINGON")]
    [InlineData("ISO_IR 999")]
    [InlineData("ISO 2022 IR 42")]
    [InlineData("UTF-16")]
    public void Unknown_term_reads_as_latin1_with_a_warning_and_writes_only_ascii(string term)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(term);

        Assert.False(characterSet.IsKnown);
        Assert.Contains(characterSet.Warnings, w => w.Contains($"'{term}'", StringComparison.Ordinal) && w.Contains("not a known", StringComparison.Ordinal));
        Assert.Equal("Jérôme", characterSet.Decode(Encoding.Latin1.GetBytes("Jérôme"), DicomVR.PN));
        Assert.Equal("Smith", Encoding.ASCII.GetString(characterSet.Encode("Smith", DicomVR.PN)));
        var error = Assert.Throws<DicomValueException>(() => characterSet.Encode("Jérôme", DicomVR.PN));
        Assert.Contains("'é'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_later_term_is_ignored_with_a_warning()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 999\\ISO 2022 IR 87");

        Assert.False(characterSet.IsKnown);
        Assert.Contains(characterSet.Warnings, w => w.Contains("'ISO 2022 IR 999'", StringComparison.Ordinal));
        Assert.Equal("é=山", characterSet.Decode(Latin1("\u00E9=\u001B$B;3\u001B(B"), DicomVR.PN));
    }

    [Theory]
    [InlineData("ISO_IR 192\\ISO 2022 IR 87", "cannot be combined")]
    [InlineData("ISO_IR 100\\ISO 2022 IR 87", "no code extensions")]
    [InlineData("ISO 2022 IR 87", "cannot be value 1")]
    [InlineData("ISO 2022 IR 6\\GB18030", "cannot be combined")]
    public void Combination_the_standard_forbids_is_read_with_a_warning(string value, string warning)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(value);

        Assert.True(characterSet.IsKnown);
        Assert.Contains(characterSet.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_byte_set_alone_as_value_1_still_reads_and_writes_it()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 87");

        var encoded = characterSet.Encode("Yamada=山田", DicomVR.PN);

        Assert.Equal("Yamada=\u001B$B;3ED\u001B(B", Encoding.Latin1.GetString(encoded));
        Assert.Equal("Yamada=山田", characterSet.Decode(encoded, DicomVR.PN));
    }

    [Theory]
    [InlineData("ISO_IR 192", new byte[] { 0x41, 0xFF, 0x42 }, "A\uFFFDB")]
    [InlineData("ISO_IR 192", new byte[] { 0x41, 0xE7, 0x8E }, "A\uFFFD")]
    [InlineData("GB18030", new byte[] { 0x41, 0xFF, 0x42 }, "A\uFFFDB")]
    [InlineData("ISO_IR 166", new byte[] { 0x41, 0xDB }, "A\uFFFD")]
    [InlineData("ISO_IR 138", new byte[] { 0xA1, 0xF9 }, "\uFFFDש")]
    [InlineData("ISO_IR 13", new byte[] { 0xE0, 0xB1 }, "\uFFFDｱ")]
    [InlineData("\\ISO 2022 IR 87", new byte[] { 0x1B, 0x24, 0x42, 0x3B }, "\uFFFD")]
    [InlineData("\\ISO 2022 IR 87", new byte[] { 0x1B, 0x24, 0x42, 0x3B, 0x1B, 0x28, 0x42, 0x41 }, "\uFFFDA")]
    [InlineData("\\ISO 2022 IR 87", new byte[] { 0x1B, 0x28, 0x5A, 0x41 }, "\uFFFDA")]
    [InlineData("\\ISO 2022 IR 87", new byte[] { 0x41, 0x1B }, "A\uFFFD")]
    [InlineData("\\ISO 2022 IR 87", new byte[] { 0x41, 0x1B, 0x24 }, "A\uFFFD")]
    [InlineData("\\ISO 2022 IR 149", new byte[] { 0x1B, 0x24, 0x29, 0x43, 0xB1, 0x41 }, "\uFFFDA")]
    [InlineData("\\ISO 2022 IR 149", new byte[] { 0x1B, 0x24, 0x29, 0x43, 0xB1 }, "\uFFFD")]
    public void Invalid_bytes_decode_to_replacement_characters(string specificCharacterSet, byte[] bytes, string expected)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        Assert.Equal(expected, characterSet.Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Any_bytes_decode_without_throwing_in_every_character_set()
    {
        string[] values =
        [
            "", "ISO_IR 100", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK", "KLINGON",
            "\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58",
            "ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 166",
        ];
        var sets = values.Select(DicomCharacterSet.FromSpecificCharacterSet).ToArray();
        // Escapes and delimiters are frequent enough to reach every state.
        var bytes = Gen.Frequency<byte>((4, Gen.Byte), (1, Gen.OneOf<byte>(0x1B, 0x24, 0x28, 0x29, 0x2D, 0x42, 0x43, 0x5E, 0x3D, 0x5C, 0x0D))).Array[0, 40];

        bytes.Sample(value =>
        {
            foreach (var set in sets)
            {
                foreach (var vr in new[] { DicomVR.PN, DicomVR.LO, DicomVR.LT })
                {
                    Assert.NotNull(set.Decode(value, vr));
                }
            }
        });
    }

    [Fact]
    public void Character_set_is_immutable_and_shared_safely_across_threads()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87\\ISO 2022 IR 149");
        const string Name = "Yamada^Tarou=山田^太郎=홍^길동";

        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(_ => characterSet.Decode(characterSet.Encode(Name, DicomVR.PN), DicomVR.PN))
            .ToArray();

        Assert.All(results, r => Assert.Equal(Name, r));
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
