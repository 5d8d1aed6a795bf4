using System.Text;
using System.Text.Json;
using Cairn.Dicom.Json;
using static Cairn.Dicom.Tests.Json.JsonTestData;

namespace Cairn.Dicom.Tests.Json;

public class DicomJsonWriterTests
{
    [Fact]
    public void Keys_are_uppercase_hex_in_ascending_order_with_vr_first()
    {
        var dataset = new DicomDataset(
            Raw(0x00100010, DicomVR.PN, "Doe^John"),
            Raw(0x7FE00010, DicomVR.OW, [1, 0]),
            Raw(0x00080060, DicomVR.CS, "CT"),
            Raw(0x0029101A, DicomVR.LO, "private"));

        Assert.Equal(
            """{"00080060":{"vr":"CS","Value":["CT"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^John"}]},"0029101A":{"vr":"LO","Value":["private"]},"7FE00010":{"vr":"OW","InlineBinary":"AQA="}}""",
            new DicomJsonWriter().Serialize(dataset));
    }

    [Theory]
    [InlineData("AE", "STORESCP ", """["STORESCP"]""")]
    [InlineData("AS", "045Y", """["045Y"]""")]
    [InlineData("CS", "ORIGINAL\\PRIMARY\\AXIAL ", """["ORIGINAL","PRIMARY","AXIAL"]""")]
    [InlineData("CS", " A \\B ", """["A","B"]""")]
    [InlineData("DA", "20040119", """["20040119"]""")]
    [InlineData("DT", "20040119072730.123456+0100 ", """["20040119072730.123456+0100"]""")]
    [InlineData("LO", "  lead trail  ", """["lead trail"]""")]
    [InlineData("LO", "a\"quote", """["a\"quote"]""")]
    [InlineData("SH", "id\\second", """["id","second"]""")]
    [InlineData("TM", "072731.5 ", """["072731.5"]""")]
    [InlineData("UI", "1.2.840.10008.1.2\0", """["1.2.840.10008.1.2"]""")]
    [InlineData("UI", "1.2.3\\4.5", """["1.2.3","4.5"]""")]
    [InlineData("UC", "  lead uc\\x  ", """["  lead uc","x"]""")]
    [InlineData("LT", "  a\\b\r\n\tc  ", """["  a\\b\r\n\tc"]""")]
    [InlineData("ST", "short text ", """["short text"]""")]
    [InlineData("UT", "line1\nline2", """["line1\nline2"]""")]
    [InlineData("UR", "http://x.y/z?a=b ", """["http://x.y/z?a=b"]""")]
    public void String_values_lose_their_padding_and_split_at_backslashes_where_the_vr_is_multi_valued(string vr, string bytes, string expected)
    {
        Assert.Equal($$"""{"vr":"{{vr}}","Value":{{expected}}}""", Attribute(Raw(0x00091001, DicomVR.Parse(vr), bytes)));
    }

    [Theory]
    [InlineData("CS", "SE\\\\IR", """["SE",null,"IR"]""")]
    [InlineData("DS", "\\3", """[null,3]""")]
    [InlineData("LO", "x\\", """["x",null]""")]
    [InlineData("SH", "\\", """[null,null]""")]
    [InlineData("IS", "1\\ \\2", """[1,null,2]""")]
    [InlineData("PN", "\\Doe^J", """[null,{"Alphabetic":"Doe^J"}]""")]
    public void Empty_values_among_several_are_null(string vr, string bytes, string expected)
    {
        Assert.Equal($$"""{"vr":"{{vr}}","Value":{{expected}}}""", Attribute(Raw(0x00091001, DicomVR.Parse(vr), bytes)));
    }

    public static TheoryData<string> EveryVR => [.. DicomVR.All.Select(vr => vr.ToString())];

    [Theory]
    [MemberData(nameof(EveryVR))]
    public void A_zero_length_element_is_only_its_vr(string vr)
    {
        var element = vr == "SQ"
            ? (DicomElement)new DicomSequence(new DicomTag(0x00091001))
            : new DicomValueElement(new DicomTag(0x00091001), DicomVR.Parse(vr), ReadOnlyMemory<byte>.Empty);
        Assert.Equal($$"""{"vr":"{{vr}}"}""", Attribute(element));
    }

    [Theory]
    [InlineData("CS", "  ")]
    [InlineData("UI", "\0\0")]
    [InlineData("PN", "^^^^")]
    [InlineData("PN", " ^ = ")]
    [InlineData("LT", "    ")]
    public void A_single_value_that_is_only_padding_is_no_value(string vr, string bytes)
    {
        Assert.Equal($$"""{"vr":"{{vr}}"}""", Attribute(Raw(0x00091001, DicomVR.Parse(vr), bytes)));
    }

    [Theory]
    [InlineData("Doe^John", """{"Alphabetic":"Doe^John"}""")]
    [InlineData("Doe^John^^^ ", """{"Alphabetic":"Doe^John"}""")]
    [InlineData("=Ideo", """{"Ideographic":"Ideo"}""")]
    [InlineData("Doe^J==Phon", """{"Alphabetic":"Doe^J","Phonetic":"Phon"}""")]
    [InlineData("Doe^J=^", """{"Alphabetic":"Doe^J"}""")]
    [InlineData("^^^^=Ideo", """{"Ideographic":"Ideo"}""")]
    [InlineData("A^B=I^J=P^Q", """{"Alphabetic":"A^B","Ideographic":"I^J","Phonetic":"P^Q"}""")]
    public void A_person_name_is_an_object_of_its_non_empty_groups(string bytes, string expected)
    {
        Assert.Equal($$"""{"vr":"PN","Value":[{{expected}}]}""", Attribute(Raw(0x00100010, DicomVR.PN, bytes)));
    }

    [Fact]
    public void Person_names_among_several_keep_their_places()
    {
        Assert.Equal(
            """{"vr":"PN","Value":[{"Ideographic":"Ideo"},null,{"Alphabetic":"Doe^J"}]}""",
            Attribute(Raw(0x00101001, DicomVR.PN, "=Ideo\\^^^^\\Doe^J")));
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("+2.0", "2.0")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("007.10", "7.10")]
    [InlineData(" 00", "0")]
    [InlineData("-000", "-0")]
    [InlineData(" 1.50 ", "1.50")]
    [InlineData("1E+03", "1E03")]
    [InlineData("1e3", "1e3")]
    [InlineData("-1.5e-07", "-1.5e-07")]
    [InlineData("0.00000e+00", "0.00000e00")]
    [InlineData("189.431250000000", "189.431250000000")]
    [InlineData("1.", "1")]
    [InlineData("1.e5", "1e5")]
    [InlineData("-0.", "-0")]
    [InlineData("abc", "\"abc\"")]
    [InlineData("1 2", "\"1 2\"")]
    [InlineData("nan", "\"nan\"")]
    [InlineData("inf", "\"inf\"")]
    [InlineData("1e", "\"1e\"")]
    [InlineData("1e+", "\"1e+\"")]
    [InlineData("0x10", "\"0x10\"")]
    [InlineData("-", "\"-\"")]
    [InlineData(".", "\".\"")]
    [InlineData("1,5", "\"1,5\"")]
    public void A_decimal_string_is_the_number_it_writes_normalised_or_else_a_string(string value, string expected)
    {
        var json = Attribute(Raw(0x00180050, DicomVR.DS, value));
        Assert.Equal($$"""{"vr":"DS","Value":[{{expected}}]}""", json);
        Assert.Equal(expected.StartsWith('"') ? JsonValueKind.String : JsonValueKind.Number, Parse(json).GetProperty("Value")[0].ValueKind);
    }

    [Theory]
    [InlineData("+12", "12")]
    [InlineData(" 0042", "42")]
    [InlineData("-007", "-7")]
    [InlineData("-0", "-0")]
    [InlineData("00", "0")]
    [InlineData("2147483647", "2147483647")]
    [InlineData("-2147483648", "-2147483648")]
    [InlineData("2147483648", "\"2147483648\"")]
    [InlineData("-2147483649", "\"-2147483649\"")]
    [InlineData("99999999999999999999999", "\"99999999999999999999999\"")]
    [InlineData("1A", "\"1A\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("-", "\"-\"")]
    public void An_integer_string_is_a_number_in_range_or_else_a_string(string value, string expected)
    {
        Assert.Equal($$"""{"vr":"IS","Value":[{{expected}}]}""", Attribute(Raw(0x00200013, DicomVR.IS, value)));
    }

    [Fact]
    public void Decimal_numbers_are_indented_like_every_other_value()
    {
        var json = new DicomJsonWriter(new DicomJsonWriterOptions { Indented = true })
            .Serialize(new DicomDataset(Raw(0x00280030, DicomVR.DS, "0.5\\abc\\\\2 ")));
        Assert.Equal(
            "{\n  \"00280030\": {\n    \"vr\": \"DS\",\n    \"Value\": [\n      0.5,\n      \"abc\",\n      null,\n      2\n    ]\n  }\n}",
            json);
    }

    [Fact]
    public void Binary_integers_are_json_numbers()
    {
        Assert.Equal("""{"vr":"US","Value":[2,65535]}""", Attribute(Values(DicomVR.US, (ushort)2, ushort.MaxValue)));
        Assert.Equal("""{"vr":"SS","Value":[-32768,32767]}""", Attribute(Values(DicomVR.SS, short.MinValue, short.MaxValue)));
        Assert.Equal("""{"vr":"UL","Value":[0,4294967295]}""", Attribute(Values(DicomVR.UL, 0u, uint.MaxValue)));
        Assert.Equal("""{"vr":"SL","Value":[-2147483648,2147483647]}""", Attribute(Values(DicomVR.SL, int.MinValue, int.MaxValue)));
    }

    [Fact]
    public void Very_long_integers_are_numbers_below_2_to_the_53_and_strings_from_there()
    {
        const long limit = 1L << 53;
        Assert.Equal(
            """{"vr":"SV","Value":[9007199254740991,"9007199254740992",-9007199254740991,"-9007199254740992","-9223372036854775808","9223372036854775807",0]}""",
            Attribute(Values(DicomVR.SV, limit - 1, limit, -(limit - 1), -limit, long.MinValue, long.MaxValue, 0L)));
        Assert.Equal(
            """{"vr":"UV","Value":[9007199254740991,"9007199254740992","18446744073709551615"]}""",
            Attribute(Values(DicomVR.UV, (ulong)limit - 1, (ulong)limit, ulong.MaxValue)));
    }

    [Fact]
    public void Floats_are_the_shortest_numbers_that_read_back_the_same()
    {
        float[] singles = [9.7f, 1.1f, 0.1f, -0f, float.MaxValue, float.Epsilon, 1e8f, -77.2040634f, 3.4028235e38f];
        var json = Parse(Attribute(Values(DicomVR.FL, singles)));
        var written = json.GetProperty("Value").EnumerateArray().ToArray();
        Assert.Equal("9.7", written[0].GetRawText());
        for (var i = 0; i < singles.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(singles[i]), BitConverter.SingleToInt32Bits(float.Parse(written[i].GetRawText(), System.Globalization.CultureInfo.InvariantCulture)));
        }

        double[] doubles = [0.1, 862399761.11107898, 1.0000000000000007e300, double.Epsilon, -0.0, 100, 123456789.123456789];
        json = Parse(Attribute(Values(DicomVR.FD, doubles)));
        written = json.GetProperty("Value").EnumerateArray().ToArray();
        Assert.Equal("0.1", written[0].GetRawText());
        for (var i = 0; i < doubles.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(doubles[i]), BitConverter.DoubleToInt64Bits(written[i].GetDouble()));
        }
    }

    [Fact]
    public void Nan_and_infinities_are_strings_since_json_numbers_cannot_be()
    {
        Assert.Equal("""{"vr":"FD","Value":["NaN","Infinity","-Infinity",1.5]}""", Attribute(Values(DicomVR.FD, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.5)));
        Assert.Equal("""{"vr":"FL","Value":["NaN","Infinity","-Infinity"]}""", Attribute(Values(DicomVR.FL, float.NaN, float.PositiveInfinity, float.NegativeInfinity)));
    }

    [Fact]
    public void Attribute_tags_are_eight_uppercase_hex_digits()
    {
        var dataset = new DicomDataset().Add(DicomTags.FrameIncrementPointer, new DicomTag(0x0010, 0x0010), new DicomTag(0x7FE0, 0x0010), new DicomTag(0x3004, 0x000C));
        Assert.Equal("""{"00280009":{"vr":"AT","Value":["00100010","7FE00010","3004000C"]}}""", new DicomJsonWriter().Serialize(dataset));
    }

    [Fact]
    public void A_partial_trailing_binary_value_is_left_out()
    {
        Assert.Equal("""{"vr":"US","Value":[1]}""", Attribute(Raw(0x00280010, DicomVR.US, [1, 0, 7])));
        Assert.Equal("""{"vr":"UL"}""", Attribute(Raw(0x00091001, DicomVR.UL, [1, 0])));
    }

    [Theory]
    [InlineData("OB", new byte[] { 1, 2, 3, 4 }, "AQIDBA==")]
    [InlineData("OW", new byte[] { 1, 0, 0xFF, 0xFF }, "AQD//w==")]
    [InlineData("OF", new byte[] { 0, 0, 0xC0, 0x3F, 0, 0, 0x20, 0x40 }, "AADAPwAAIEA=")]
    [InlineData("OD", new byte[] { 0, 0, 0, 0, 0, 0, 0xF8, 0x3F }, "AAAAAAAA+D8=")]
    [InlineData("OL", new byte[] { 1, 0, 0, 0 }, "AQAAAA==")]
    [InlineData("OV", new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 }, "AQAAAAAAAAA=")]
    [InlineData("UN", new byte[] { 1, 2, 3, 4 }, "AQIDBA==")]
    [InlineData("UN", new byte[] { 1, 2, 3 }, "AQIDAA==")]
    [InlineData("OB", new byte[] { 0xFF }, "/wA=")]
    public void Binary_values_are_inline_base64_of_their_little_endian_bytes_padded_to_even_length(string vr, byte[] bytes, string expected)
    {
        Assert.Equal($$"""{"vr":"{{vr}}","InlineBinary":"{{expected}}"}""", Attribute(Raw(0x00091001, DicomVR.Parse(vr), bytes)));
    }

    [Fact]
    public void A_large_binary_value_is_written_in_segments_that_join_up()
    {
        var bytes = new byte[(1 << 20) + 7];
        new Random(1234).NextBytes(bytes);
        var json = Parse(new DicomJsonWriter().Serialize(new DicomDataset(Raw(0x7FE00010, DicomVR.OB, bytes))));
        var written = json.GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64();
        Assert.Equal(bytes.Length + 1, written.Length);
        Assert.True(written.AsSpan(0, bytes.Length).SequenceEqual(bytes));
    }

    [Fact]
    public void Encapsulated_pixel_data_is_its_value_field_as_a_little_endian_file_encodes_it()
    {
        byte[] offsets = [0, 0, 0, 0];
        byte[] odd = [0xAA, 0xBB, 0xCC];
        byte[] even = [1, 2, 3, 4];
        var fragments = new DicomFragments(DicomTags.PixelData, DicomVR.OB, offsets, odd, even);

        var written = Parse(Compact(fragments)).GetProperty("7FE00010");

        Assert.Equal("OB", written.GetProperty("vr").GetString());
        byte[] expected =
        [
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xAA, 0xBB, 0xCC, 0,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 1, 2, 3, 4,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, written.GetProperty("InlineBinary").GetBytesFromBase64());
    }

    [Fact]
    public void Encapsulated_pixel_data_without_an_offset_table_still_has_its_empty_first_item()
    {
        var fragments = new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, new byte[] { 9, 9 });
        var bytes = Parse(Compact(fragments)).GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64();
        Assert.Equal([0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 9, 9, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0], bytes);
    }

    [Fact]
    public void Sequences_hold_items_as_objects_and_an_empty_item_is_an_empty_object()
    {
        var empty = new DicomSequence(DicomTags.ReferencedImageSequence);
        var items = new DicomSequence(
            DicomTags.ProcedureCodeSequence,
            new DicomDataset(),
            new DicomDataset(Raw(0x00080100, DicomVR.SH, "X"), new DicomSequence(DicomTags.ReferencedImageSequence, new DicomDataset(Raw(0x00081150, DicomVR.UI, "1.2\0")))));

        Assert.Equal(
            """{"00081032":{"vr":"SQ","Value":[{},{"00080100":{"vr":"SH","Value":["X"]},"00081140":{"vr":"SQ","Value":[{"00081150":{"vr":"UI","Value":["1.2"]}}]}}]},"00081140":{"vr":"SQ"}}""",
            new DicomJsonWriter().Serialize(new DicomDataset(empty, items)));
    }

    [Fact]
    public void Private_creators_and_private_elements_are_written_like_any_other()
    {
        var dataset = new DicomDataset(
            Raw(0x00090010, DicomVR.LO, "GEMS_IDEN_01"),
            Raw(0x00091027, DicomVR.SL, BitConverter.GetBytes(862399669)),
            Raw(0x00091030, DicomVR.UN, [1, 2]),
            new DicomSequence(new DicomTag(0x00091040), new DicomDataset(Raw(0x00091041, DicomVR.LO, "inner"))));

        Assert.Equal(
            """{"00090010":{"vr":"LO","Value":["GEMS_IDEN_01"]},"00091027":{"vr":"SL","Value":[862399669]},"00091030":{"vr":"UN","InlineBinary":"AQI="},"00091040":{"vr":"SQ","Value":[{"00091041":{"vr":"LO","Value":["inner"]}}]}}""",
            new DicomJsonWriter().Serialize(dataset));
    }

    [Fact]
    public void Group_lengths_are_left_out_unless_asked_for()
    {
        var dataset = new DicomDataset(Raw(0x00080000, DicomVR.UL, [4, 0, 0, 0]), Raw(0x00080060, DicomVR.CS, "CT"), Raw(0x00100000, DicomVR.UL, [0, 0, 0, 0]));

        Assert.Equal("""{"00080060":{"vr":"CS","Value":["CT"]}}""", new DicomJsonWriter().Serialize(dataset));
        Assert.Equal(
            """{"00080000":{"vr":"UL","Value":[4]},"00080060":{"vr":"CS","Value":["CT"]},"00100000":{"vr":"UL","Value":[0]}}""",
            new DicomJsonWriter(new DicomJsonWriterOptions { IncludeGroupLengths = true }).Serialize(dataset));
    }

    [Fact]
    public void Strings_are_decoded_with_their_data_sets_character_set_which_becomes_iso_ir_192_wherever_present()
    {
        var inheriting = new DicomDataset(Raw(0x00100010, DicomVR.PN, "Buc^J\u00e9r\u00f4me"));
        var ownUtf8 = new DicomDataset(
            Raw(0x00080005, DicomVR.CS, "ISO_IR 192"),
            Raw(0x00100010, DicomVR.PN, Encoding.UTF8.GetBytes("Wang^XiaoDong=\u738b^\u5c0f\u6771")));
        var dataset = new DicomDataset(
            Raw(0x00080005, DicomVR.CS, "ISO_IR 100"),
            Raw(0x00081030, DicomVR.LO, "\u00c4neas"),
            Raw(0x00100010, DicomVR.PN, "\u00c4neas^R\u00fcdiger"),
            new DicomSequence(DicomTags.ReferencedPatientSequence, inheriting, ownUtf8));

        var json = new DicomJsonWriter().SerializeToUtf8Bytes(dataset);

        // Non-ASCII text is written as UTF-8, not as \u escapes.
        Assert.True(json.AsSpan().IndexOf(Encoding.UTF8.GetBytes("R\u00fcdiger")) >= 0);
        var root = Parse(Encoding.UTF8.GetString(json));
        Assert.Equal("ISO_IR 192", root.GetProperty("00080005").GetProperty("Value")[0].GetString());
        Assert.Equal("\u00c4neas", root.GetProperty("00081030").GetProperty("Value")[0].GetString());
        Assert.Equal("\u00c4neas^R\u00fcdiger", root.GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        var items = root.GetProperty("00081120").GetProperty("Value");
        Assert.Equal("Buc^J\u00e9r\u00f4me", items[0].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        Assert.False(items[0].TryGetProperty("00080005", out _));
        Assert.Equal("ISO_IR 192", items[1].GetProperty("00080005").GetProperty("Value")[0].GetString());
        Assert.Equal("\u738b^\u5c0f\u6771", items[1].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Ideographic").GetString());
    }

    [Fact]
    public void An_empty_specific_character_set_is_written_as_iso_ir_192_too()
    {
        Assert.Equal("""{"vr":"CS","Value":["ISO_IR 192"]}""", Attribute(Raw(0x00080005, DicomVR.CS, "")));
    }

    [Fact]
    public void A_missing_specific_character_set_is_not_added()
    {
        Assert.Equal("""{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe"}]}}""", Compact(Raw(0x00100010, DicomVR.PN, "Doe")));
    }

    [Fact]
    public void Control_characters_quotes_and_backslashes_are_escaped_and_read_back()
    {
        var text = "a\\b \"q\" \u001b$B\t\r\n\0end";
        var json = Attribute(Raw(0x00104000, DicomVR.LT, text));
        Assert.Equal(text, Parse(json).GetProperty("Value")[0].GetString());
    }

    [Fact]
    public void A_bulk_data_uri_callback_replaces_inline_binary()
    {
        var dataset = new DicomDataset(Raw(0x00091001, DicomVR.OB, [1, 2]), Raw(0x7FE00010, DicomVR.OW, [3, 4]));
        var options = new DicomJsonWriterOptions { BulkDataUri = (_, e) => e.Tag == DicomTags.PixelData ? "https://pacs/bulk/7FE00010" : null };

        Assert.Equal(
            """{"00091001":{"vr":"OB","InlineBinary":"AQI="},"7FE00010":{"vr":"OW","BulkDataURI":"https://pacs/bulk/7FE00010"}}""",
            new DicomJsonWriter(options).Serialize(dataset));
    }

    [Fact]
    public async Task Every_output_gets_the_same_json()
    {
        var big = new byte[300_000];
        new Random(7).NextBytes(big);
        var items = Enumerable.Range(0, 2000).Select(i => new DicomDataset(Raw(0x00081150, DicomVR.UI, $"1.2.{i}\0")));
        var dataset = new DicomDataset(
            Raw(0x00080005, DicomVR.CS, "ISO_IR 192"),
            Raw(0x00100010, DicomVR.PN, Encoding.UTF8.GetBytes("\u5c71\u7530^\u592a\u90ce")),
            new DicomSequence(DicomTags.ReferencedImageSequence, items),
            Raw(0x7FE00010, DicomVR.OB, big));
        var writer = new DicomJsonWriter(new DicomJsonWriterOptions { Indented = true });
        var expected = writer.Serialize(dataset);

        using var stream = new MemoryStream();
        writer.Write(stream, dataset);
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));

        using var asyncStream = new MemoryStream();
        await writer.WriteAsync(asyncStream, dataset, CancellationToken.None);
        Assert.Equal(expected, Encoding.UTF8.GetString(asyncStream.ToArray()));

        using var text = new StringWriter();
        writer.Write(text, dataset);
        Assert.Equal(expected, text.ToString());

        await using var asyncText = new StringWriter();
        await writer.WriteAsync(asyncText, dataset, CancellationToken.None);
        Assert.Equal(expected, asyncText.ToString());

        Assert.Equal(big, Parse(expected).GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64());
    }

    private static DicomValueElement Values<T>(DicomVR vr, params T[] values)
        where T : unmanaged
    {
        var size = System.Runtime.InteropServices.Marshal.SizeOf<T>();
        var bytes = new byte[values.Length * size];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
        return new DicomValueElement(new DicomTag(0x00091001), vr, bytes);
    }
}
