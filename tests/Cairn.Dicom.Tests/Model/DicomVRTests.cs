namespace Cairn.Dicom.Tests.Model;

public class DicomVRTests
{
    [Fact]
    public void All_34_vrs_of_the_current_standard_are_known()
    {
        Assert.Equal(34, DicomVR.All.Count);
        Assert.All(DicomVR.All, vr => Assert.True(vr.IsKnown, vr.ToString()));
        Assert.All(DicomVR.All, vr => Assert.Equal(vr, DicomVR.Parse(vr.ToString())));
        Assert.False(DicomVR.FromBytes((byte)'Z', (byte)'Z').IsKnown);
    }

    [Theory]
    [InlineData("OB")]
    [InlineData("OD")]
    [InlineData("OF")]
    [InlineData("OL")]
    [InlineData("OV")]
    [InlineData("OW")]
    [InlineData("SQ")]
    [InlineData("SV")]
    [InlineData("UC")]
    [InlineData("UN")]
    [InlineData("UR")]
    [InlineData("UT")]
    [InlineData("UV")]
    public void Long_explicit_length_vrs(string code) => Assert.True(DicomVR.Parse(code).HasLongExplicitLength);

    [Fact]
    public void Short_explicit_length_vrs() =>
        Assert.All(DicomVR.All.Where(v => v.ToString() is not ("OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV")),
            vr => Assert.False(vr.HasLongExplicitLength, vr.ToString()));

    [Fact]
    public void Padding_is_nul_for_ui_and_binary_and_space_for_text()
    {
        Assert.Equal(0, DicomVR.UI.PaddingByte);
        Assert.Equal(0, DicomVR.OB.PaddingByte);
        Assert.Equal((byte)' ', DicomVR.LO.PaddingByte);
        Assert.Equal((byte)' ', DicomVR.UT.PaddingByte);
    }

    [Fact]
    public void Value_sizes_of_binary_vrs()
    {
        Assert.Equal(2, DicomVR.US.ValueSize);
        Assert.Equal(4, DicomVR.AT.ValueSize);
        Assert.Equal(8, DicomVR.UV.ValueSize);
        Assert.Equal(8, DicomVR.OV.ValueSize);
        Assert.Equal(0, DicomVR.LO.ValueSize);
    }

    [Fact]
    public void Character_set_dependence()
    {
        Assert.True(DicomVR.PN.IsCharacterSetDependent);
        Assert.True(DicomVR.UC.IsCharacterSetDependent);
        Assert.False(DicomVR.CS.IsCharacterSetDependent);
        Assert.False(DicomVR.UR.IsCharacterSetDependent);
    }
}
