namespace Cairn.Dicom.Tests.Model;

public class DicomValueValidatorTests
{
    private const string NotNumbers = "a UID is numbers separated by dots, like 1.2.840.10008.1.2";
    private const string LeadingZero = "a UID component cannot start with 0";

    [Theory]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("1", null)]
    [InlineData("1.2.840.10008.1.2", null)]
    [InlineData("2.25.0.10", null)]
    [InlineData("1.2.840.10008.5.1.4.1.1.2.12345678901234567890123456789012345678", null)]
    [InlineData(".1", NotNumbers)]
    [InlineData("1.", NotNumbers)]
    [InlineData("1..2", NotNumbers)]
    [InlineData(".", NotNumbers)]
    [InlineData("1.2a", NotNumbers)]
    [InlineData("1.2 ", NotNumbers)]
    [InlineData("1.02", LeadingZero)]
    [InlineData("01.2", LeadingZero)]
    [InlineData("1.02.x", LeadingZero)]
    [InlineData("1.x.02", NotNumbers)]
    [InlineData("1.2.840.10008.5.1.4.1.1.2.123456789012345678901234567890123456789", "a UID has at most 64 characters")]
    public void Uids_are_checked_component_by_component_and_the_first_problem_is_named(string uid, string? problem) =>
        Assert.Equal(problem, DicomValueValidator.CheckUid(uid));
}
