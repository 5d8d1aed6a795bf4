namespace Cairn.Dicom.Tests.Model;

public class DicomTagTests
{
    [Fact]
    public void Tags_order_by_group_then_element()
    {
        Assert.True(new DicomTag(0x0008, 0xFFFF) < new DicomTag(0x0010, 0x0000));
        Assert.True(DicomTags.PixelData > DicomTags.PatientName);
        Assert.Equal(0x0010, DicomTags.PatientName.Group);
        Assert.Equal(0x0010, DicomTags.PatientName.Element);
    }

    [Theory]
    [InlineData("(0010,0010)")]
    [InlineData("0010,0010")]
    [InlineData("00100010")]
    [InlineData("PatientName")]
    [InlineData(" (0010,0010) ")]
    public void Parse_accepts_the_usual_spellings(string text) =>
        Assert.Equal(DicomTags.PatientName, DicomTag.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("(0010,001G)")]
    [InlineData("0010")]
    [InlineData("NotAKeyword")]
    public void Parse_refuses_what_is_not_a_tag(string text)
    {
        var error = Assert.Throws<FormatException>(() => DicomTag.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_as_dicom_writes_it() =>
        Assert.Equal("(7FE0,0010)", DicomTags.PixelData.ToString());

    [Fact]
    public void Private_tags_and_their_creators()
    {
        var element = new DicomTag(0x0029, 0x1010);
        Assert.True(element.IsPrivate);
        Assert.False(element.IsPrivateCreator);
        Assert.Equal(new DicomTag(0x0029, 0x0010), element.PrivateCreatorTag);
        Assert.True(new DicomTag(0x0029, 0x0010).IsPrivateCreator);
        Assert.False(new DicomTag(0x0003, 0x0010).IsPrivate); // reserved, not private
        Assert.False(DicomTags.PatientName.IsPrivate);
    }
}
