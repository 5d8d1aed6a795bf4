namespace Cairn.Dicom.Tests.Regressions;

/// <summary>
/// Found by the round-trip properties: GetStrings trimmed leading spaces from every value, but UC and PN are padded
/// with trailing spaces only (PS3.5 6.2), so a leading space is part of the value. LO and the like keep trimming both.
/// </summary>
public class LeadingSpaceRegressionTests
{
    [Fact]
    public void A_leading_space_of_a_UC_value_is_kept()
    {
        var dataset = new DicomDataset().Add(DicomTags.OECFColumnNames, DicomVR.UC, "u'lic", " i0JnUk!?pt=aa");
        Assert.Equal(["u'lic", " i0JnUk!?pt=aa"], dataset.GetStrings(DicomTags.OECFColumnNames));
    }

    [Fact]
    public void A_leading_space_of_a_PN_value_is_kept_and_trailing_padding_is_not()
    {
        var dataset = new DicomDataset().Add(DicomTags.PhysiciansOfRecord, DicomVR.PN, " Doe^John", "Roe^Jane ");
        Assert.Equal([" Doe^John", "Roe^Jane"], dataset.GetStrings(DicomTags.PhysiciansOfRecord));
        Assert.Equal(" Doe", dataset.GetPersonNames(DicomTags.PhysiciansOfRecord)[0].FamilyName);
    }

    [Fact]
    public void Leading_and_trailing_spaces_of_an_LO_value_are_still_padding()
    {
        var dataset = new DicomDataset().Add(DicomTags.AdmittingDiagnosesDescription, DicomVR.LO, " A ", "B");
        Assert.Equal(["A", "B"], dataset.GetStrings(DicomTags.AdmittingDiagnosesDescription));
    }
}
