using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>The strict creation API refuses what a VR does not allow, and says which element and VR.</summary>
public class InvalidValueProperties
{
    public static TheoryData<string> StringVRs => new(DicomVR.All.Where(vr => vr.IsString).Select(vr => vr.ToString()));

    public static TheoryData<string> BinaryNumberVRs => new(DicomVR.All.Where(vr => vr.IsBinaryNumber).Select(vr => vr.ToString()));

    [Theory]
    [MemberData(nameof(StringVRs))]
    public void An_invalid_string_value_is_refused_naming_the_tag_and_the_VR(string name)
    {
        var vr = DicomVR.Parse(name);
        var placements = DicomGen.Placements(vr);
        var valid = DicomGen.Value(vr, utf8: true, multi: true, depth: 0).Select(v => ((TextValue)v).Values.Select(s => s.Raw).ToArray());
        Gen.Select(InvalidDicomGen.Invalid(vr), valid, Gen.Int[0, placements.Length - 1], Gen.Bool, Gen.Int[0, 12])
            .Sample((invalid, others, placement, utf8, at) =>
            {
                var dataset = new DicomDataset();
                if (utf8)
                {
                    dataset.Add(DicomTags.SpecificCharacterSet, "ISO_IR 192");
                }

                var tag = placements[placement].Tag ?? dataset.ReservePrivateTag(RoundTrip.PrivateGroup, RoundTrip.PrivateCreator, 0);

                // Among valid values where the VR is multi-valued; alone where it holds one text.
                string[] values = vr.IsSingleValuedText ? [invalid] : [.. others.Take(at), invalid, .. others.Skip(at)];
                var before = dataset.Count;
                var error = Assert.Throws<DicomValueException>(() => dataset.Add(tag, vr, values));
                Assert.Contains($"{tag} {vr}", error.Message, StringComparison.Ordinal);
                Assert.False(dataset.Contains(tag));
                Assert.Equal(before, dataset.Count);
            },
            iter: 150);
    }

    [Theory]
    [InlineData("LT")]
    [InlineData("ST")]
    [InlineData("UT")]
    [InlineData("UR")]
    public void A_single_valued_text_VR_refuses_several_values(string name)
    {
        var vr = DicomVR.Parse(name);
        var tag = DicomGen.Placements(vr)[0].Tag!.Value;
        Gen.Int[2, 5].Sample(count =>
        {
            var error = Assert.Throws<DicomValueException>(() => new DicomDataset().Add(tag, vr, [.. Enumerable.Repeat("TEXT", count)]));
            Assert.Contains($"{tag} {vr}", error.Message, StringComparison.Ordinal);
        }, iter: 10);
    }

    [Theory]
    [MemberData(nameof(BinaryNumberVRs))]
    public void Text_that_is_not_a_number_of_a_binary_VR_is_refused_naming_the_tag_and_the_VR(string name)
    {
        var vr = DicomVR.Parse(name);
        var tag = DicomGen.Placements(vr)[0].Tag!.Value;
        var valid = vr == DicomVR.AT ? "(0010,0010)" : "1";
        InvalidDicomGen.InvalidNumber(vr).Sample(text =>
        {
            var dataset = new DicomDataset();
            var error = Assert.Throws<DicomValueException>(() => dataset.Add(tag, vr, valid, text));
            Assert.Contains($"{tag} {vr}", error.Message, StringComparison.Ordinal);
            Assert.False(dataset.Contains(tag));
        }, iter: 30);
    }
}
