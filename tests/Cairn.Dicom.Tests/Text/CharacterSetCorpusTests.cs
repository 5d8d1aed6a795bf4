using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Dicom.Tests.Text;

/// <summary>pydicom's charset_files, read through DicomFile as an archive reads them.</summary>
public class CharacterSetCorpusTests
{
    // pydicom's expectations for (0010,0010); FileInfo.txt lists the raw bytes behind most of them.
    public static TheoryData<string, string> PatientNames => new()
    {
        { "chrArab", "قباني^لنزار" },
        { "chrFren", "Buc^Jérôme" },
        { "chrFrenMulti", "Buc^Jérôme" },
        { "chrGerm", "Äneas^Rüdiger" },
        { "chrGreek", "Διονυσιος" },
        { "chrH31", "Yamada^Tarou=山田^太郎=やまだ^たろう" },
        { "chrH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう" },
        { "chrHbrw", "שרון^דבורה" },
        { "chrI2", "Hong^Gildong=洪^吉洞=홍^길동" },
        { "chrJapMulti", "やまだ^たろう" },
        { "chrJapMultiExplicitIR6", "やまだ^たろう" },
        { "chrKoreanMulti", "김희중" },
        // The source bytes mix Latin c, e, y, p into the Cyrillic.
        { "chrRuss", "Люкceмбypг" },
        { "chrX1", "Wang^XiaoDong=王^小東=" },
        { "chrX2", "Wang^XiaoDong=王^小东=" },
    };

    [Theory]
    [MemberData(nameof(PatientNames))]
    public void Patient_name_decodes_as_pydicom_expects(string file, string expected)
    {
        var dataset = Open(file);

        Assert.Equal(expected, dataset.GetString(DicomTags.PatientName));
        Assert.Empty(dataset.CharacterSet.Warnings);
        Assert.True(dataset.CharacterSet.IsKnown);
    }

    [Fact]
    public void Multi_valued_latin1_elements_keep_their_values()
    {
        var dataset = Open("chrFrenMulti");

        Assert.Equal(["Buc^Jérôme", "Buc^Jérôme"], dataset.GetStrings(DicomTags.OtherPatientNames));
        Assert.Equal(["eggs", "spam"], dataset.GetStrings(DicomTags.OtherPatientIDs));
    }

    [Fact]
    public void Korean_elements_of_every_vr_decode()
    {
        var dataset = Open("chrKoreanMulti");

        Assert.Equal("\\ISO 2022 IR 149", dataset.CharacterSet.ToString());
        Assert.Equal("김희중", dataset.GetString(DicomTags.OperatorsName));
        Assert.Equal(["김희중", "김희중"], dataset.GetStrings(DicomTags.OtherPatientNames));
        Assert.Equal("김희중", dataset.GetString(DicomTags.AdditionalPatientHistory));
    }

    [Theory]
    [InlineData("chrJapMulti")]
    [InlineData("chrJapMultiExplicitIR6")]
    public void Japanese_multi_valued_and_text_elements_decode(string file)
    {
        var dataset = Open(file);

        Assert.True(dataset.CharacterSet.UsesCodeExtensions);
        Assert.Equal(["やまだ^たろう", "やまだ^たろう"], dataset.GetStrings(DicomTags.OtherPatientNames));
        Assert.Equal("たろう", dataset.GetString(DicomTags.AdditionalPatientHistory));
        Assert.Equal("Chest PA PA", dataset.GetString(DicomTags.SeriesDescription));
    }

    [Fact]
    public void Sequence_item_with_its_own_character_set_uses_it()
    {
        // The data set is UTF-8; the item says ISO 2022 IR 13\ISO 2022 IR 87, which UTF-8 could not read.
        var dataset = Open("chrSQEncoding");
        var item = dataset.GetSequence(DicomTags.RequestedProcedureCodeSequence)!.Items[0];

        Assert.True(dataset.CharacterSet.IsUtf8);
        Assert.Equal("Doctor^Who^^MD", dataset.GetString(DicomTags.RequestingPhysician));
        Assert.Equal(["ISO 2022 IR 13", "ISO 2022 IR 87"], item.CharacterSet.Terms);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(DicomTags.PatientName));
        Assert.Equal("CodeValue", item.GetString(DicomTags.CodeValue));
    }

    [Fact]
    public void Sequence_item_without_a_character_set_inherits_its_parents()
    {
        var dataset = Open("chrSQEncoding1");
        var item = dataset.GetSequence(DicomTags.RequestedProcedureCodeSequence)!.Items[0];

        Assert.Null(item.Get(DicomTags.SpecificCharacterSet));
        Assert.Same(dataset.CharacterSet, item.CharacterSet);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(DicomTags.PatientName));
    }

    [Theory]
    [MemberData(nameof(PatientNames))]
    public void Patient_name_survives_encoding_and_decoding(string file, string expected)
    {
        var characterSet = Open(file).CharacterSet;

        Assert.Equal(expected, characterSet.Decode(characterSet.Encode(expected, DicomVR.PN), DicomVR.PN));
    }

    [Theory]
    [InlineData("chrArab")]
    [InlineData("chrFren")]
    [InlineData("chrGreek")]
    [InlineData("chrH31")]
    [InlineData("chrH32")]
    [InlineData("chrHbrw")]
    [InlineData("chrI2")]
    [InlineData("chrJapMulti")]
    [InlineData("chrRuss")]
    [InlineData("chrX1")]
    [InlineData("chrX2")]
    public void Patient_name_encodes_to_the_bytes_of_the_standards_examples(string file)
    {
        // (chrKoreanMulti is left out: its writer designates ASCII again at the end though G0 never changed.)
        var dataset = Open(file);
        var original = Trim(dataset.GetBytes(DicomTags.PatientName).ToArray());

        var encoded = dataset.CharacterSet.Encode(dataset.GetString(DicomTags.PatientName)!, DicomVR.PN);

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(encoded));
    }

    [Fact]
    public void Every_string_in_the_corpus_decodes_without_throwing()
    {
        var decoded = 0;
        foreach (var file in Corpus.ReadableFiles())
        {
            decoded += DecodeAll(DicomFile.Open(Corpus.PathOf(file)).Dataset);
        }

        Assert.True(decoded > 1000, $"only {decoded} strings were decoded");
    }

    private static DicomDataset Open(string name) => DicomFile.Open(Corpus.PathOf($"charset_files/{name}.dcm")).Dataset;

    private static byte[] Trim(byte[] value)
    {
        var end = value.Length;
        while (end > 0 && value[end - 1] is (byte)' ' or 0)
        {
            end--;
        }

        return value[..end];
    }

    private static int DecodeAll(DicomDataset dataset)
    {
        var count = 0;
        foreach (var element in dataset)
        {
            if (element is DicomSequence sequence)
            {
                count += sequence.Items.Sum(DecodeAll);
            }
            else if (element is DicomValueElement && element.VR.IsString)
            {
                Assert.NotNull(dataset.GetString(element.Tag));
                count++;
            }
        }

        return count;
    }
}
