namespace Cairn.Dicom.Tests.Model;

public class DicomDatasetTests
{
    [Fact]
    public void Elements_stay_sorted_by_tag_whatever_the_order_of_adding()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.StudyInstanceUID, "1.2.3")
            .Add(DicomTags.PatientName, "Doe^John")
            .Add(DicomTags.Modality, "CT");
        Assert.Equal([DicomTags.Modality, DicomTags.PatientName, DicomTags.StudyInstanceUID], dataset.Select(e => e.Tag));
    }

    [Fact]
    public void Add_replaces_an_element_with_the_same_tag()
    {
        var dataset = new DicomDataset().Add(DicomTags.Modality, "CT").Add(DicomTags.Modality, "MR");
        Assert.Single(dataset);
        Assert.Equal("MR", dataset.GetString(DicomTags.Modality));
    }

    [Fact]
    public void Multi_valued_strings_split_and_lose_their_padding()
    {
        var dataset = new DicomDataset().Add(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTags.ImageType));
        Assert.Equal("PRIMARY", dataset.GetString(DicomTags.ImageType, 1));
        Assert.Null(dataset.GetString(DicomTags.ImageType, 3));
        Assert.Equal(22, ((DicomValueElement)dataset[DicomTags.ImageType]!).Length); // 21 characters, padded to even
    }

    [Fact]
    public void Text_vrs_keep_backslashes_as_text()
    {
        var dataset = new DicomDataset().Add(DicomTags.StudyComments, DicomVR.LT, "a\\b");
        Assert.Equal(["a\\b"], dataset.GetStrings(DicomTags.StudyComments));
    }

    [Fact]
    public void Uids_are_padded_with_nul()
    {
        var dataset = new DicomDataset().Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        var bytes = ((DicomValueElement)dataset[DicomTags.SOPClassUID]!).Value.Span;
        Assert.Equal(0, bytes[^1]);
        Assert.Equal(DicomUids.CTImageStorage, dataset.GetString(DicomTags.SOPClassUID));
    }

    [Theory]
    [InlineData("AE", "TOOLONGAETITLEXYZ", "longer than the 16")]
    [InlineData("CS", "lower", "A-Z")]
    [InlineData("DA", "2024-01-01", "YYYYMMDD")]
    [InlineData("DA", "20240230", "YYYYMMDD")]
    [InlineData("TM", "25", "HH")]
    [InlineData("DS", "1,5", "decimal")]
    [InlineData("IS", "3000000000", "integer")]
    [InlineData("UI", "1.02.3", "cannot start with 0")]
    [InlineData("UI", "1.2.a", "numbers separated by dots")]
    [InlineData("AS", "12Y", "nnnD")]
    [InlineData("LO", "a\\b", "backslash")]
    [InlineData("SH", "tab\there", "control character")]
    [InlineData("PN", "a=b=c=d", "three component groups")]
    public void Strict_creation_refuses_values_the_vr_forbids(string vr, string value, string expected)
    {
        var tag = new DicomTag(0x0011, 0x1001);
        var error = Assert.Throws<DicomValueException>(() => new DicomDataset().Add(tag, DicomVR.Parse(vr), value));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("(0011,1001)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_text_needs_a_character_set_that_holds_it()
    {
        var latin = new DicomDataset();
        Assert.Throws<DicomValueException>(() => latin.Add(DicomTags.Modality, "CT\u00C9"));

        var utf8 = new DicomDataset().Add(DicomTags.SpecificCharacterSet, "ISO_IR 192").Add(DicomTags.PatientName, "J\u00E9r\u00F4me");
        Assert.Equal("J\u00E9r\u00F4me", utf8.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void A_tag_outside_the_dictionary_needs_its_vr()
    {
        var error = Assert.Throws<DicomValueException>(() => new DicomDataset().Add(new DicomTag(0x0011, 0x1001), "x"));
        Assert.Contains("give its VR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_numbers_round_trip_through_typed_getters()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.Rows, (ushort)512)
            .AddValues(new DicomTag(0x0009, 0x1027), DicomVR.SL, -1, 2)
            .AddValues(DicomTags.RealWorldValueSlope, DicomVR.FD, 1.5)
            .Add(DicomTags.WindowCenter, "40", "-1.5e1")
            .Add(DicomTags.InstanceNumber, " 7 ");
        Assert.True(dataset.TryGetInt32(DicomTags.Rows, out var rows) && rows == 512);
        Assert.Equal([-1, 2], dataset.GetValues<int>(new DicomTag(0x0009, 0x1027)));
        Assert.True(dataset.TryGetDouble(DicomTags.RealWorldValueSlope, out var slope) && slope == 1.5);
        Assert.True(dataset.TryGetDoubles(DicomTags.WindowCenter, out var centers));
        Assert.Equal([40, -15], centers);
        Assert.True(dataset.TryGetInt32(DicomTags.InstanceNumber, out var number) && number == 7);
    }

    [Fact]
    public void Typed_getters_are_lenient_on_bad_values_they_read()
    {
        var dataset = new DicomDataset(new DicomValueElement(DicomTags.InstanceNumber, DicomVR.IS, "1A"u8.ToArray()));
        Assert.False(dataset.TryGetInt32(DicomTags.InstanceNumber, out _));
        Assert.Equal("1A", dataset.GetString(DicomTags.InstanceNumber));
    }

    [Fact]
    public void Getting_numbers_with_the_wrong_type_names_the_element()
    {
        var dataset = new DicomDataset().Add(DicomTags.Rows, (ushort)1);
        var error = Assert.Throws<DicomValueException>(() => dataset.GetValues<double>(DicomTags.Rows));
        Assert.Contains("(0028,0010) US", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_times_and_date_times()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.StudyDate, new DateOnly(2026, 11, 28))
            .Add(DicomTags.StudyTime, "1430")
            .Add(DicomTags.AcquisitionDateTime, "20261128143000.25+0100");
        Assert.True(dataset.TryGetDate(DicomTags.StudyDate, out var date) && date == new DateOnly(2026, 11, 28));
        Assert.True(dataset.TryGetTime(DicomTags.StudyTime, out var time) && time == new TimeOnly(14, 30));
        Assert.True(dataset.TryGetDateTime(DicomTags.AcquisitionDateTime, out var dt, out var offset));
        Assert.Equal(new DateTime(2026, 11, 28, 14, 30, 0, 250, DateTimeKind.Unspecified), dt);
        Assert.Equal(TimeSpan.FromHours(1), offset);
    }

    [Theory]
    [InlineData("1997.04.24", true)]
    [InlineData("19970424", true)]
    [InlineData("199704", false)]
    public void Dates_accept_the_old_acr_nema_form_on_read(string text, bool ok) =>
        Assert.Equal(ok, DicomDateTime.TryParseDate(text, out _));

    [Theory]
    [InlineData("14", true)]
    [InlineData("1430", true)]
    [InlineData("143015.123456", true)]
    [InlineData("14:30:15", true)]
    [InlineData("143", false)]
    [InlineData("2500", false)]
    [InlineData("143015.1234567", false)]
    public void Times_accept_partial_precision(string text, bool ok) =>
        Assert.Equal(ok, DicomDateTime.TryParseTime(text, out _));

    [Fact]
    public void Person_names_have_groups_and_components()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.SpecificCharacterSet, "ISO_IR 192")
            .Add(DicomTags.PatientName, "Yamada^Tarou=\u5C71\u7530^\u592A\u90CE=\u3084\u307E\u3060^\u305F\u308D\u3046");
        var name = dataset.GetPersonName(DicomTags.PatientName)!.Value;
        Assert.Equal("Yamada", name.FamilyName);
        Assert.Equal("Tarou", name.GivenName);
        Assert.Equal("\u5C71\u7530^\u592A\u90CE", name.Ideographic);
        Assert.Equal("\u3084\u307E\u3060^\u305F\u308D\u3046", name.Phonetic);
        Assert.Equal("Doe^John", DicomPersonName.Parse("Doe^John").ToString());
    }

    [Fact]
    public void Attribute_tags_round_trip()
    {
        var dataset = new DicomDataset().Add(DicomTags.FrameIncrementPointer, DicomTags.FrameTime, DicomTags.PixelData);
        Assert.Equal([DicomTags.FrameTime, DicomTags.PixelData], dataset.GetTags(DicomTags.FrameIncrementPointer));
    }

    [Fact]
    public void Private_blocks_are_reserved_and_found_by_creator()
    {
        var dataset = new DicomDataset();
        var first = dataset.ReservePrivateTag(0x0029, "CAIRN TEST", 0x01);
        var second = dataset.ReservePrivateTag(0x0029, "OTHER", 0x01);
        Assert.Equal(new DicomTag(0x0029, 0x1001), first);
        Assert.Equal(new DicomTag(0x0029, 0x1101), second);
        Assert.Equal(first, dataset.ReservePrivateTag(0x0029, "CAIRN TEST", 0x01));
        dataset.Add(first, DicomVR.LO, "value");
        Assert.Equal("CAIRN TEST", dataset.GetPrivateCreator(first));
        Assert.Equal(new DicomTag(0x0029, 0x1105), dataset.GetPrivateTag(0x0029, "OTHER", 0x05));
        Assert.Null(dataset.GetPrivateTag(0x0029, "NONE", 0x05));
        Assert.Throws<DicomValueException>(() => dataset.ReservePrivateTag(0x0010, "X", 1));
    }

    [Fact]
    public void Items_inherit_the_character_set_of_their_parent_unless_they_have_their_own()
    {
        var item = new DicomDataset();
        var own = new DicomDataset().Add(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        var parent = new DicomDataset().Add(DicomTags.SpecificCharacterSet, "ISO_IR 192").Add(DicomTags.ReferencedStudySequence, item, own);
        Assert.Same(parent.CharacterSet, item.CharacterSet);
        Assert.NotSame(parent.CharacterSet, own.CharacterSet);

        parent.Add(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        Assert.Equal("ISO_IR 100", item.CharacterSet.ToString());
    }

    [Fact]
    public void A_sequence_belongs_to_one_data_set()
    {
        var sequence = new DicomSequence(DicomTags.ReferencedStudySequence);
        var first = new DicomDataset(sequence);
        Assert.Same(first, sequence.Owner);
        Assert.Throws<InvalidOperationException>(() => new DicomDataset(sequence));
        var copy = first.Clone();
        Assert.NotSame(sequence, copy[DicomTags.ReferencedStudySequence]);
    }

    [Fact]
    public void Validate_reports_values_read_that_their_vr_does_not_allow_with_the_item_path()
    {
        var item = new DicomDataset(new DicomValueElement(DicomTags.InstanceNumber, DicomVR.IS, "1A"u8.ToArray()));
        var dataset = new DicomDataset(
            new DicomValueElement(DicomTags.StudyDate, DicomVR.DA, "20241301"u8.ToArray()),
            new DicomValueElement(DicomTags.Rows, DicomVR.US, new byte[] { 1, 2, 3 }),
            new DicomSequence(DicomTags.ReferencedImageSequence, item));
        dataset.Add(DicomTags.Modality, "CT");
        var problems = dataset.Validate();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("(0008,0020) DA value '20241301'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("(0028,0010) US: 3 bytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("(0008,1140)[0]>(0020,0013) IS value '1A'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cached_character_set_follows_removal_and_a_new_parent()
    {
        var item = new DicomDataset();
        Assert.Same(DicomCharacterSet.Default, item.CharacterSet);
        var parent = new DicomDataset().Add(DicomTags.SpecificCharacterSet, "ISO_IR 192").Add(DicomTags.ReferencedStudySequence, item);
        Assert.True(item.CharacterSet.IsUtf8);

        parent.Remove(DicomTags.SpecificCharacterSet);
        Assert.Same(DicomCharacterSet.Default, item.CharacterSet);

        parent.Add(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        Assert.True(item.CharacterSet.IsUtf8);
        parent.RemoveAll(e => e.Tag == DicomTags.SpecificCharacterSet);
        Assert.Same(DicomCharacterSet.Default, parent.CharacterSet);
        Assert.Same(DicomCharacterSet.Default, item.CharacterSet);
    }
}
