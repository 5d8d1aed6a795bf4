using System.Text;
using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Text;

/// <summary>The character set as data sets use it: Add encodes strictly, GetString decodes, items inherit.</summary>
public class CharacterSetDatasetTests
{
    [Fact]
    public void Person_name_added_under_utf8_reads_back()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.SpecificCharacterSet, "ISO_IR 192")
            .Add(DicomTags.PatientName, "Wang^XiaoDong=王^小東");

        Assert.Equal("Wang^XiaoDong=王^小東", dataset.GetString(DicomTags.PatientName));
        Assert.Equal(Encoding.UTF8.GetBytes("Wang^XiaoDong=王^小東"), dataset.GetBytes(DicomTags.PatientName).ToArray());
    }

    [Fact]
    public void Person_name_added_under_iso_2022_ir_87_is_written_with_escape_sequences_and_reads_back()
    {
        const string Name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
        var dataset = new DicomDataset()
            .Add(DicomTags.SpecificCharacterSet, "", "ISO 2022 IR 87")
            .Add(DicomTags.PatientName, Name);

        Assert.Equal("\\ISO 2022 IR 87", dataset.CharacterSet.ToString());
        Assert.Equal(Name, dataset.GetString(DicomTags.PatientName));
        Assert.Equal(new DicomPersonName("Yamada^Tarou", "山田^太郎", "やまだ^たろう"), dataset.GetPersonName(DicomTags.PatientName));
        var bytes = Encoding.Latin1.GetString(dataset.GetBytes(DicomTags.PatientName).Span);
        Assert.StartsWith("Yamada^Tarou=\u001B$B;3ED\u001B(B^", bytes, StringComparison.Ordinal);
        Assert.EndsWith("\u001B$B$?$m$&\u001B(B", bytes.TrimEnd(' '), StringComparison.Ordinal);
    }

    [Fact]
    public void Person_name_survives_a_part_10_round_trip()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.SpecificCharacterSet, "ISO 2022 IR 13", "ISO 2022 IR 87")
            .Add(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7")
            .Add(DicomTags.SOPInstanceUID, "1.2.3.4")
            .Add(DicomTags.PatientName, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")
            .Add(DicomTags.OtherPatientNames, "山田^太郎", "ﾔﾏﾀﾞ^ﾀﾛｳ");
        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream);

        var read = DicomFile.Read(stream.ToArray()).Dataset;

        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", read.GetString(DicomTags.PatientName));
        Assert.Equal(["山田^太郎", "ﾔﾏﾀﾞ^ﾀﾛｳ"], read.GetStrings(DicomTags.OtherPatientNames));
    }

    [Fact]
    public void Adding_a_character_the_character_set_lacks_is_refused()
    {
        var dataset = new DicomDataset().Add(DicomTags.SpecificCharacterSet, "ISO_IR 100");

        var error = Assert.Throws<DicomValueException>(() => dataset.Add(DicomTags.PatientName, "Wałęsa^Lech"));

        Assert.Contains("'ł' (U+0142)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISO_IR 100", error.Message, StringComparison.Ordinal);
        Assert.Null(dataset.Get(DicomTags.PatientName));
    }

    [Fact]
    public void Adding_non_ascii_text_without_a_character_set_is_refused()
    {
        var error = Assert.Throws<DicomValueException>(() => new DicomDataset().Add(DicomTags.PatientName, "Buc^Jérôme"));

        Assert.Contains("'é' (U+00E9)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Specific Character Set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_inherits_the_character_set_until_it_has_its_own()
    {
        var item = new DicomDataset();
        var dataset = new DicomDataset()
            .Add(DicomTags.SpecificCharacterSet, "ISO_IR 144")
            .Add(DicomTags.RequestedProcedureCodeSequence, item);

        item.Add(DicomTags.CodeMeaning, "Люк");
        Assert.Equal("BBEEDA", Convert.ToHexString(item.GetBytes(DicomTags.CodeMeaning).Span[..3]));

        item.Add(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        Assert.True(item.CharacterSet.IsUtf8);
        Assert.Equal("ISO_IR 144", dataset.CharacterSet.ToString());
    }

    [Fact]
    public void Misspelt_character_set_in_a_data_set_reads_with_a_warning()
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomValueElement(DicomTags.SpecificCharacterSet, DicomVR.CS, Encoding.ASCII.GetBytes("ISO_IR_144")));
        dataset.Set(new DicomValueElement(DicomTags.PatientName, DicomVR.PN, Convert.FromHexString("BBEEDA20")));

        Assert.Equal("Люк", dataset.GetString(DicomTags.PatientName));
        Assert.NotEmpty(dataset.CharacterSet.Warnings);
    }
}
