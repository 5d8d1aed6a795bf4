namespace Cairn.Dicom.Tests.Regressions;

/// <summary>
/// Found by the invalid-value properties: strict Add accepted control characters in VRs of the default repertoire.
/// AE let ESC through (only VRs whose text a character set encodes may hold ISO 2022 escapes); IS, TM and DT let
/// TAB, CR and LF through because their parsers skip them as white space; DT accepted the ACR-NEMA colons that TM
/// refuses on create.
/// </summary>
public class ControlCharacterRegressionTests
{
    [Theory]
    [InlineData("AE", "H\u001B")]
    [InlineData("IS", "1\n")]
    [InlineData("TM", "1230\r")]
    [InlineData("DT", "\t2023+0100")]
    [InlineData("DT", "202301011230:45.5")]
    public void The_value_is_refused(string vr, string value)
    {
        var tag = new DicomTag(0x0009, 0x1000);
        var dataset = new DicomDataset();
        dataset.ReservePrivateTag(0x0009, "CAIRN", 0x00);
        var error = Assert.Throws<DicomValueException>(() => dataset.Add(tag, DicomVR.Parse(vr), value));
        Assert.Contains($"(0009,1000) {vr}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LO", " A B ")]
    [InlineData("LT", "line\r\nline\ttab")]
    [InlineData("IS", " 12 ")]
    [InlineData("TM", "123045.5 ")]
    public void The_value_is_still_accepted(string vr, string value)
    {
        var dataset = new DicomDataset();
        var tag = dataset.ReservePrivateTag(0x0009, "CAIRN", 0x00);
        dataset.Add(tag, DicomVR.Parse(vr), value);
        Assert.True(dataset.Contains(tag));
    }
}
