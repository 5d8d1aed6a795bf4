using Cairn.Dicom.IO;
using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// Values of every VR, built through the strict creation API, written in each uncompressed transfer syntax and read
/// back, give the same typed values.
/// </summary>
public class RoundTripProperties
{
    public static TheoryData<string> VRs => new(DicomVR.All.Select(vr => vr.ToString()));

    [Fact]
    public void Every_VR_of_the_standard_has_a_generator_and_its_standard_tags_have_that_VR()
    {
        Assert.Equal(DicomVR.All, DicomGen.CoveredVRs);
        foreach (var vr in DicomVR.All)
        {
            foreach (var (tag, multi) in DicomGen.Placements(vr))
            {
                if (tag is not { } standard || (vr == DicomVR.UN && standard == DicomTags.ProtocolName))
                {
                    continue;
                }

                var entry = DicomDictionary.Lookup(standard);
                Assert.NotNull(entry);
                Assert.Equal(vr.ToString(), entry.VRText);
                Assert.Equal(multi, entry.VM.EndsWith('n'));
            }
        }
    }

    [Theory]
    [MemberData(nameof(VRs))]
    public void Values_of_each_VR_read_back_as_they_were_added_in_every_transfer_syntax(string vr)
    {
        Gen.Select(DicomGen.Dataset(DicomVR.Parse(vr)), Gen.Bool)
            .Sample((dataset, defined) => RoundTrip.Check(dataset, defined ? DicomSequenceLength.Defined : DicomSequenceLength.Undefined), iter: 60);
    }

    [Fact]
    public void Data_sets_of_any_VRs_and_nested_sequences_read_back_as_they_were_built()
    {
        Gen.Select(DicomGen.Dataset(), Gen.Bool)
            .Sample((dataset, defined) => RoundTrip.Check(dataset, defined ? DicomSequenceLength.Defined : DicomSequenceLength.Undefined), iter: 200);
    }
}
