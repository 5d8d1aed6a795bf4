using System.Text;
using Cairn.Dicom.Json;
using Cairn.Dicom.Tests.Support;
using static Cairn.Dicom.Tests.Json.JsonTestData;

namespace Cairn.Dicom.Tests.Json;

public class DicomJsonReaderTests
{
    private static DicomDataset Read(string json) => new DicomJsonReader().Read(json);

    private static string Text(DicomDataset dataset, uint tag) => Encoding.UTF8.GetString(((DicomValueElement)dataset[new DicomTag(tag)]!).Value.Span);

    [Fact]
    public void Every_vr_written_reads_back_as_it_was()
    {
        var dataset = new DicomDataset(
            Raw(0x00080005, DicomVR.CS, "ISO_IR 192"),
            Raw(0x00080008, DicomVR.CS, "ORIGINAL\\PRIMARY"),
            Raw(0x00080018, DicomVR.UI, "1.2.3.4\0"),
            Raw(0x00080020, DicomVR.DA, "20040119"),
            Raw(0x00080030, DicomVR.TM, "072730"),
            Raw(0x0008002A, DicomVR.DT, "20040119072730"),
            Raw(0x00080054, DicomVR.AE, "STORESCP"),
            Raw(0x00081030, DicomVR.LO, "Study\\Other "),
            Raw(0x00080119, DicomVR.UC, "  unlimited\\x "),
            Raw(0x00080120, DicomVR.UR, "http://x/y "),
            Raw(0x00100010, DicomVR.PN, Encoding.UTF8.GetBytes("Wang^XiaoDong=\u738b^\u5c0f\u6771")),
            Raw(0x00101010, DicomVR.AS, "045Y"),
            Raw(0x00104000, DicomVR.LT, "  a\\b\r\n"),
            Raw(0x00180015, DicomVR.SH, "\\x"),
            Raw(0x00180050, DicomVR.DS, "1.50\\abc\\-0 "),
            Raw(0x00200013, DicomVR.IS, "12\\1A"),
            Raw(0x00280009, DicomVR.AT, [0x54, 0x00, 0x10, 0x00, 0xE0, 0x7F, 0x10, 0x00]),
            Raw(0x00280010, DicomVR.US, [2, 0, 0xFF, 0xFF]),
            Raw(0x00280106, DicomVR.SS, [0, 0x80]),
            Raw(0x00321060, DicomVR.ST, "short text "),
            Raw(0x00400002, DicomVR.UT, "unlimited text"),
            Raw(0x00091001, DicomVR.UL, [0xFF, 0xFF, 0xFF, 0xFF]),
            Raw(0x00091002, DicomVR.SL, [0, 0, 0, 0x80]),
            Raw(0x00091003, DicomVR.FL, BitConverter.GetBytes(9.7f)),
            Raw(0x00091004, DicomVR.FD, [.. BitConverter.GetBytes(double.NaN), .. BitConverter.GetBytes(-0.0), .. BitConverter.GetBytes(double.NegativeInfinity)]),
            Raw(0x00091005, DicomVR.SV, [.. BitConverter.GetBytes(long.MinValue), .. BitConverter.GetBytes(5L)]),
            Raw(0x00091006, DicomVR.UV, [.. BitConverter.GetBytes(ulong.MaxValue), .. BitConverter.GetBytes(7UL)]),
            Raw(0x00091007, DicomVR.OB, [1, 2, 3, 0]),
            Raw(0x00091008, DicomVR.OD, BitConverter.GetBytes(1.5)),
            Raw(0x00091009, DicomVR.OF, BitConverter.GetBytes(2.5f)),
            Raw(0x0009100A, DicomVR.OL, [1, 2, 3, 4]),
            Raw(0x0009100B, DicomVR.OV, [1, 2, 3, 4, 5, 6, 7, 8]),
            Raw(0x0009100C, DicomVR.OW, [1, 2, 3, 4]),
            Raw(0x0009100D, DicomVR.UN, [9, 8]),
            Raw(0x0009100E, DicomVR.CS, ""),
            new DicomSequence(new DicomTag(0x0009100F)),
            new DicomSequence(DicomTags.ReferencedImageSequence, new DicomDataset(), new DicomDataset(Raw(0x00081150, DicomVR.UI, "1.2\0"))),
            new DicomFragments(DicomTags.PixelData, DicomVR.OB, new byte[] { 0, 0, 0, 0 }, new byte[] { 1, 2 }, new byte[] { 3, 4, 5, 6 }));

        var reread = Read(new DicomJsonWriter().Serialize(dataset));

        var difference = DatasetComparer.Difference(DicomJsonCorpusTests.Canonical(dataset), DicomJsonCorpusTests.Canonical(reread));
        Assert.True(difference is null, difference);
        Assert.Equal("ISO_IR 192", reread.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(reread.GetValues<double>(new DicomTag(0x00091004))[1]));
        Assert.True(double.IsNaN(reread.GetValues<double>(new DicomTag(0x00091004))[0]));
    }

    [Fact]
    public void Decimal_and_integer_strings_keep_the_text_of_their_numbers()
    {
        var dataset = Read("""{"00180050":{"vr":"DS","Value":[1.50,1e-3,-0,"abc",null,1E+20]},"00200013":{"vr":"IS","Value":[12,-0,"1A"]}}""");
        Assert.Equal("1.50\\1e-3\\-0\\abc\\\\1E+20 ", Text(dataset, 0x00180050));
        Assert.Equal("12\\-0\\1A", Text(dataset, 0x00200013));
    }

    [Fact]
    public void Null_values_are_empty_values_and_a_lone_vr_is_an_empty_element()
    {
        var dataset = Read("""{"00080008":{"vr":"CS","Value":["A",null,"B"]},"00080050":{"vr":"SH"},"00081140":{"vr":"SQ"},"00280010":{"vr":"US","Value":[]},"00281201":{"vr":"OW"}}""");
        Assert.Equal("A\\\\B", Text(dataset, 0x00080008));
        Assert.True(((DicomValueElement)dataset[DicomTags.AccessionNumber]!).IsEmpty);
        Assert.Empty(dataset.GetSequence(DicomTags.ReferencedImageSequence)!.Items);
        Assert.True(((DicomValueElement)dataset[new DicomTag(0x00281201)]!).IsEmpty);
        Assert.True(((DicomValueElement)dataset[DicomTags.Rows]!).IsEmpty);
    }

    [Theory]
    [InlineData("""{"Alphabetic":"Doe^John"}""", "Doe^John")]
    [InlineData("""{"Ideographic":"Ideo"}""", "=Ideo")]
    [InlineData("""{"Alphabetic":"A","Phonetic":"P"}""", "A==P")]
    [InlineData("""{"Phonetic":"P","Ideographic":"I","Alphabetic":"A"}""", "A=I=P")]
    [InlineData("""{}""", "")]
    [InlineData("null", "")]
    public void A_person_name_object_becomes_its_groups_joined_by_equals_signs(string value, string expected)
    {
        var dataset = Read($$$"""{"00100010":{"vr":"PN","Value":[{{{value}}}]}}""");
        Assert.Equal(expected, dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Vr_may_stand_anywhere_in_an_attribute()
    {
        var dataset = Read("""{"00280010":{"Value":[512],"vr":"US"}}""");
        Assert.Equal(DicomVR.US, dataset[DicomTags.Rows]!.VR);
        Assert.Equal([(ushort)512], dataset.GetValues<ushort>(DicomTags.Rows));
    }

    [Fact]
    public void Very_long_integers_read_from_numbers_and_strings()
    {
        var dataset = Read("""{"00091001":{"vr":"SV","Value":[-9007199254740991,"-9223372036854775808"]},"00091002":{"vr":"UV","Value":[7,"18446744073709551615"]}}""");
        Assert.Equal([-9007199254740991L, long.MinValue], dataset.GetValues<long>(new DicomTag(0x00091001)));
        Assert.Equal([7UL, ulong.MaxValue], dataset.GetValues<ulong>(new DicomTag(0x00091002)));
    }

    [Fact]
    public void Floats_read_the_strings_written_for_nan_and_infinities()
    {
        var dataset = Read("""{"00091001":{"vr":"FL","Value":["NaN","Infinity","-Infinity",9.7,3.4028235E+38]}}""");
        var values = dataset.GetValues<float>(new DicomTag(0x00091001));
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity, 9.7f, float.MaxValue], values[1..]);
    }

    [Fact]
    public void Attribute_tags_read_as_tags()
    {
        var dataset = Read("""{"00280009":{"vr":"AT","Value":["00540010","7FE00010"]}}""");
        Assert.Equal([new DicomTag(0x0054, 0x0010), new DicomTag(0x7FE0, 0x0010)], dataset.GetTags(DicomTags.FrameIncrementPointer));
    }

    [Fact]
    public void Inline_binary_on_pixel_data_that_holds_items_becomes_encapsulated_pixel_data()
    {
        byte[] field =
        [
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 0xAA, 0xBB,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 1, 2, 3, 4,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
        ];
        var dataset = Read($$$"""{"7FE00010":{"vr":"OB","InlineBinary":"{{{Convert.ToBase64String(field)}}}"}}""");

        var fragments = Assert.IsType<DicomFragments>(dataset[DicomTags.PixelData]);
        Assert.Equal(DicomVR.OB, fragments.VR);
        Assert.Equal([0, 0, 0, 0], fragments.OffsetTable.ToArray());
        Assert.Equal(2, fragments.Fragments.Count);
        Assert.Equal([0xAA, 0xBB], fragments.Fragments[0].ToArray());
        Assert.Equal([1, 2, 3, 4], fragments.Fragments[1].ToArray());

        // And back: the writer gives the same value field.
        Assert.Equal(field, Parse(new DicomJsonWriter().Serialize(dataset)).GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64());
    }

    [Theory]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0, 1, 2 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0xDD, 0xE0 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0 })]
    public void Pixel_data_that_only_starts_like_an_item_stays_native(byte[] bytes)
    {
        var dataset = Read($$$"""{"7FE00010":{"vr":"OW","InlineBinary":"{{{Convert.ToBase64String(bytes)}}}"}}""");
        var value = Assert.IsType<DicomValueElement>(dataset[DicomTags.PixelData]);
        Assert.Equal(bytes, value.Value.ToArray());
    }

    [Fact]
    public void Ascii_strings_keep_the_character_set_the_json_names()
    {
        var dataset = Read("""{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe"}]}}""");
        Assert.Equal("ISO_IR 100", dataset.GetString(DicomTags.SpecificCharacterSet));

        Assert.False(Read("""{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe"}]}}""").Contains(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void Non_ascii_strings_are_utf8_and_every_specific_character_set_says_iso_ir_192()
    {
        var dataset = Read("""
            {
              "00080005": {"vr": "CS", "Value": ["ISO_IR 100"]},
              "00081120": {"vr": "SQ", "Value": [
                {"00080005": {"vr": "CS", "Value": ["ISO_IR 144"]}, "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Люкceмбypг"}]}},
                {"00100020": {"vr": "LO", "Value": ["plain"]}}
              ]},
              "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Buc^Jérôme", "Ideographic": "山田^太郎"}]}
            }
            """);

        Assert.Equal("ISO_IR 192", dataset.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(Encoding.UTF8.GetBytes("Buc^Jérôme=山田^太郎"), ((DicomValueElement)dataset[DicomTags.PatientName]!).Value.ToArray());
        var item = dataset.GetSequence(DicomTags.ReferencedPatientSequence)!.Items[0];
        Assert.Equal("ISO_IR 192", item.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(Encoding.UTF8.GetBytes("Люкceмбypг"), ((DicomValueElement)item[DicomTags.PatientName]!).Value.ToArray());
        Assert.Equal("Buc^Jérôme=山田^太郎", dataset.GetString(DicomTags.PatientName));
        Assert.Equal("Люкceмбypг", item.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Non_ascii_text_in_an_item_alone_still_gives_the_data_set_iso_ir_192()
    {
        var dataset = Read("""{"00081120":{"vr":"SQ","Value":[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Äneas"}]}}]}}""");
        Assert.Equal("ISO_IR 192", dataset.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal("Äneas", dataset.GetSequence(DicomTags.ReferencedPatientSequence)!.Items[0].GetString(DicomTags.PatientName));
    }

    [Theory]
    [InlineData("", "malformed JSON", "")]
    [InlineData("  ", "malformed JSON", "")]
    [InlineData("{", "malformed JSON", "")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\"}} x", "malformed JSON", "")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",}}", "malformed JSON", "")]
    [InlineData("[]", "a DICOM JSON data set is an object, not an array", "")]
    [InlineData("{\"0010001a\":{\"vr\":\"PN\"}}", "the key \"0010001a\" is not a tag", "")]
    [InlineData("{\"0010010\":{\"vr\":\"PN\"}}", "the key \"0010010\" is not a tag", "")]
    [InlineData("{\"PatientName\":{\"vr\":\"PN\"}}", "is not a tag", "")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\"},\"00100010\":{\"vr\":\"PN\"}}", "the attribute appears twice", "(0010,0010) PatientName")]
    [InlineData("{\"00100020\":{\"vr\":\"LO\"},\"00100010\":{\"vr\":\"PN\"}}", "keys are in ascending order", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"Value\":[]}}", "the attribute has no \"vr\"", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"XX\"}}", "\"vr\": \"XX\" is not a value representation", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"pn\"}}", "\"vr\": \"pn\" is not a value representation", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":7}}", "\"vr\" is a string, not a number", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":[]}", "an attribute is an object with \"vr\", not an array", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"value\":[]}}", "unknown member \"value\"", "(0010,0010) PatientName")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AA==\",\"BulkDataURI\":\"x\"}}", "both \"InlineBinary\" and \"BulkDataURI\"", "(7FE0,0010) PixelData")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":\"Doe\"}}", "\"Value\" is an array, not a string", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe\"]}}", "a PN value is an object", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A\",\"Alphabetic\":\"B\"}]}}", "the PN group \"Alphabetic\" appears twice", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Given\":\"A\"}]}}", "unknown PN member \"Given\"", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A=B\"}]}}", "contains '='", "(0010,0010) PatientName")]
    [InlineData("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":1}]}}", "is a string, not a number", "(0010,0010) PatientName")]
    [InlineData("{\"00080060\":{\"vr\":\"CS\",\"Value\":[1]}}", "a CS value is a string or null, not a number", "(0008,0060) Modality")]
    [InlineData("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"A\\\\B\"]}}", "contains a backslash", "(0008,0060) Modality")]
    [InlineData("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"\u00c9\"]}}", "is not ASCII; CS holds only the default repertoire", "(0008,0060) Modality")]
    [InlineData("{\"00104000\":{\"vr\":\"LT\",\"Value\":[\"a\",\"b\"]}}", "LT has one value, not 2", "(0010,4000) PatientComments")]
    [InlineData("{\"00180050\":{\"vr\":\"DS\",\"Value\":[true]}}", "a DS value is a string, a number or null, not a boolean", "(0018,0050) SliceThickness")]
    [InlineData("{\"00200013\":{\"vr\":\"IS\",\"Value\":[1.5]}}", "IS value 1.5 is not an integer", "(0020,0013) InstanceNumber")]
    [InlineData("{\"00200013\":{\"vr\":\"IS\",\"Value\":[2147483648]}}", "IS value 2147483648 is not an integer", "(0020,0013) InstanceNumber")]
    [InlineData("{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}}", "US value 65536 is not an integer in the range of US (0 to 65535)", "(0028,0010) Rows")]
    [InlineData("{\"00280010\":{\"vr\":\"US\",\"Value\":[-1]}}", "US value -1 is not an integer", "(0028,0010) Rows")]
    [InlineData("{\"00280010\":{\"vr\":\"US\",\"Value\":[1.0]}}", "US value 1.0 is not an integer", "(0028,0010) Rows")]
    [InlineData("{\"00280010\":{\"vr\":\"US\",\"Value\":[\"1\"]}}", "a US value is a number, not the string \"1\"", "(0028,0010) Rows")]
    [InlineData("{\"00280010\":{\"vr\":\"US\",\"Value\":[null]}}", "a binary value cannot be empty", "(0028,0010) Rows")]
    [InlineData("{\"00280106\":{\"vr\":\"SS\",\"Value\":[32768]}}", "SS value 32768 is not an integer", "(0028,0106) SmallestImagePixelValue")]
    [InlineData("{\"00091001\":{\"vr\":\"UL\",\"Value\":[4294967296]}}", "UL value 4294967296 is not an integer", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"SL\",\"Value\":[2147483648]}}", "SL value 2147483648 is not an integer", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"SV\",\"Value\":[\"9223372036854775808\"]}}", "SV value 9223372036854775808 is not an integer", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"UV\",\"Value\":[-1]}}", "UV value -1 is not an integer", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"FL\",\"Value\":[1e39]}}", "FL value 1e39 is out of the range of a 32-bit float", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"FD\",\"Value\":[1e309]}}", "FD value 1e309 is out of the range of a 64-bit float", "(0009,1001)")]
    [InlineData("{\"00091001\":{\"vr\":\"FD\",\"Value\":[\"nan\"]}}", "the only strings a FD value can be are \"NaN\"", "(0009,1001)")]
    [InlineData("{\"00280009\":{\"vr\":\"AT\",\"Value\":[\"0054001\"]}}", "AT value \"0054001\" is not a tag", "(0028,0009) FrameIncrementPointer")]
    [InlineData("{\"00280009\":{\"vr\":\"AT\",\"Value\":[\"0054001a\"]}}", "AT value \"0054001a\" is not a tag", "(0028,0009) FrameIncrementPointer")]
    [InlineData("{\"00280009\":{\"vr\":\"AT\",\"Value\":[5505040]}}", "an AT value is a string of 8 hexadecimal digits", "(0028,0009) FrameIncrementPointer")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OW\",\"Value\":[1]}}", "a OW value is \"InlineBinary\" or \"BulkDataURI\", not \"Value\"", "(7FE0,0010) PixelData")]
    [InlineData("{\"00080060\":{\"vr\":\"CS\",\"InlineBinary\":\"AA==\"}}", "\"InlineBinary\" holds OB, OD, OF, OL, OV, OW or UN values, not CS", "(0008,0060) Modality")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"not base64!\"}}", "\"InlineBinary\" is not valid base64", "(7FE0,0010) PixelData")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":7}}", "\"InlineBinary\" is a base64 string, not a number", "(7FE0,0010) PixelData")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"AQID\"}}", "3 bytes is not a whole number of 2-byte OW values", "(7FE0,0010) PixelData")]
    [InlineData("{\"00091001\":{\"vr\":\"OF\",\"InlineBinary\":\"AQID\"}}", "3 bytes is not a whole number of 4-byte OF values", "(0009,1001)")]
    [InlineData("{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"https://x/1\"}}", "no bulk data loader was given", "(7FE0,0010) PixelData")]
    [InlineData("{\"00081140\":{\"vr\":\"SQ\",\"Value\":[\"x\"]}}", "an item of a sequence is an object, not a string", "(0008,1140)[0]>")]
    [InlineData("{\"00081140\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[1]}}]}}", "a UI value is a string or null, not a number", "(0008,1140)[0]>(0008,1150) ReferencedSOPClassUID")]
    [InlineData("{\"00081140\":{\"vr\":\"SQ\",\"Value\":[{},{\"0008115\":{\"vr\":\"UI\"}}]}}", "is not a tag", "(0008,1140)[1]>")]
    [InlineData("{\"00081140\":{\"vr\":\"SQ\",\"BulkDataURI\":\"x\"}}", "a sequence has items, not a \"BulkDataURI\"", "(0008,1140) ReferencedImageSequence")]
    public void Invalid_dicom_json_is_refused_naming_the_attribute_what_is_wrong_and_where(string json, string what, string where)
    {
        var error = Assert.Throws<DicomFormatException>(() => Read(json));

        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(where, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(at byte {error.Offset})", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Offset, 0, Math.Max(0, Encoding.UTF8.GetByteCount(json)));
    }

    [Fact]
    public void The_offset_of_an_error_is_where_the_offending_value_starts()
    {
        const string json = """{"00280010":{"vr":"US","Value":[1,70000]}}""";
        var error = Assert.Throws<DicomFormatException>(() => Read(json));
        Assert.Equal(json.IndexOf("70000", StringComparison.Ordinal), error.Offset);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] json = [.. "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\""u8, 0xC3, 0x28, .. "\"}]}}"u8];
        var error = Assert.Throws<DicomFormatException>(() => new DicomJsonReader().Read(json));
        Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_nested_deeper_than_allowed_are_refused()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 5; i++)
        {
            json.Append("{\"00081140\":{\"vr\":\"SQ\",\"Value\":[");
        }

        json.Append("{}");
        for (var i = 0; i < 5; i++)
        {
            json.Append("]}}");
        }

        var reader = new DicomJsonReader(new DicomJsonReaderOptions { MaxSequenceDepth = 4 });
        var error = Assert.Throws<DicomFormatException>(() => reader.Read(json.ToString()));
        Assert.Contains("sequences nested deeper than 4 levels", error.Message, StringComparison.Ordinal);

        Assert.NotNull(new DicomJsonReader(new DicomJsonReaderOptions { MaxSequenceDepth = 5 }).Read(json.ToString()));
    }

    [Fact]
    public void A_bulk_data_loader_supplies_values_given_by_uri()
    {
        var requested = new List<string>();
        var reader = new DicomJsonReader(new DicomJsonReaderOptions
        {
            BulkDataLoader = (tag, vr, uri) =>
            {
                requested.Add($"{tag} {vr} {uri}");
                return vr == DicomVR.OW ? new byte[] { 1, 0, 2, 0 } : Encoding.ASCII.GetBytes("long text ");
            },
        });

        var dataset = reader.Read("""{"00104000":{"vr":"LT","BulkDataURI":"https://x/2"},"7FE00010":{"vr":"OW","BulkDataURI":"https://x/1"}}""");

        Assert.Equal(["(0010,4000) LT https://x/2", "(7FE0,0010) OW https://x/1"], requested);
        Assert.Equal([(ushort)1, (ushort)2], dataset.GetValues<ushort>(DicomTags.PixelData));
        Assert.Equal("long text", dataset.GetString(DicomTags.PatientComments));
    }

    [Fact]
    public void Read_all_takes_one_data_set_or_an_array_of_them()
    {
        var reader = new DicomJsonReader();
        var several = reader.ReadAll("""[{"00080060":{"vr":"CS","Value":["CT"]}},{},{"00080060":{"vr":"CS","Value":["MR"]}}]"""u8);
        Assert.Equal(["CT", null, "MR"], several.Select(d => d.GetString(DicomTags.Modality)));

        Assert.Single(reader.ReadAll("""{"00080060":{"vr":"CS","Value":["CT"]}}"""u8));
        Assert.Throws<DicomFormatException>(() => reader.ReadAll("""[{}, 3]"""u8));
    }

    [Fact]
    public async Task A_stream_reads_like_bytes_and_a_byte_order_mark_is_allowed()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"00280010":{"vr":"US","Value":[512]}}"""u8];
        using var stream = new MemoryStream(json);

        var dataset = await new DicomJsonReader().ReadAsync(stream, CancellationToken.None);

        Assert.Equal([(ushort)512], dataset.GetValues<ushort>(DicomTags.Rows));
    }
}
