using Cairn.DictionaryGenerator;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Dicom.Tests.Dictionary;

public class GeneratedDictionaryTests
{
    [Fact]
    public void Regenerating_from_the_standard_changes_nothing_committed()
    {
        var standard = Path.Combine(Corpus.RepositoryRoot, "tools", "Cairn.DictionaryGenerator", "Standard");
        var output = Path.Combine(Corpus.RepositoryRoot, "src", "Cairn.Dicom", "Dictionary");
        var generated = Generator.GenerateAll(standard).ToList();

        Assert.Equal(5, generated.Count);
        foreach (var (name, text) in generated)
        {
            var committed = File.ReadAllText(Path.Combine(output, name));
            Assert.True(committed == text, $"{name} is stale: run `dotnet run --project tools/Cairn.DictionaryGenerator -- .` and commit the result");
        }
    }

    [Fact]
    public void Tags_carry_keyword_name_vr_vm_and_retired_flag()
    {
        var entry = DicomDictionary.Lookup(DicomTags.InstanceAvailability)!;
        Assert.Equal(new DicomTag(0x0008, 0x0056), entry.Tag);
        Assert.Equal("InstanceAvailability", entry.Keyword);
        Assert.Equal("Instance Availability", entry.Name);
        Assert.Equal(DicomVR.CS, entry.VR);
        Assert.Equal("1", entry.VM);
        Assert.False(entry.IsRetired);

        Assert.True(DicomDictionary.Lookup(new DicomTag(0x0008, 0x0001))!.IsRetired);
        Assert.Equal("Exposure in \u00B5As", DicomDictionary.Lookup(DicomTags.ExposureInuAs)!.Name);
    }

    [Fact]
    public void Repeating_groups_match_their_masked_entry()
    {
        Assert.Equal("OverlayData", DicomDictionary.KeywordOf(new DicomTag(0x6000, 0x3000)));
        Assert.Equal("OverlayData", DicomDictionary.KeywordOf(new DicomTag(0x601E, 0x3000)));
        Assert.Equal("CurveData", DicomDictionary.KeywordOf(new DicomTag(0x5002, 0x3000)));
        Assert.Null(DicomDictionary.KeywordOf(new DicomTag(0x6001, 0x3000)));
    }

    [Fact]
    public void Alternative_vrs_resolve_to_the_one_implicit_vr_uses()
    {
        var pixelData = DicomDictionary.Lookup(DicomTags.PixelData)!;
        Assert.Equal(DicomVR.OW, pixelData.VR);
        Assert.True(pixelData.HasAlternativeVRs);
        Assert.Equal("OB or OW", pixelData.VRText);
        Assert.Equal(DicomVR.US, DicomDictionary.Lookup(DicomTags.SmallestImagePixelValue)!.VR);
    }

    [Fact]
    public void Keywords_and_tags_map_both_ways_including_command_elements()
    {
        Assert.True(DicomDictionary.TryGetTag("PatientName", out var tag));
        Assert.Equal(new DicomTag(0x0010, 0x0010), tag);
        Assert.True(DicomDictionary.TryGetTag("MoveOriginatorApplicationEntityTitle", out var command));
        Assert.Equal(new DicomTag(0x0000, 0x1030), command);
        Assert.False(DicomDictionary.TryGetTag("NoSuchKeyword", out _));
    }

    [Fact]
    public void Implicit_vr_of_unknown_private_creator_and_group_length()
    {
        Assert.Equal(DicomVR.LO, DicomDictionary.ImplicitVROf(new DicomTag(0x0029, 0x0010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.ImplicitVROf(new DicomTag(0x0029, 0x1010)));
        Assert.Equal(DicomVR.UL, DicomDictionary.ImplicitVROf(new DicomTag(0x0028, 0x0000)));
        Assert.Equal(DicomVR.PN, DicomDictionary.ImplicitVROf(DicomTags.PatientName));
    }

    [Fact]
    public void Uids_have_names_types_and_keywords()
    {
        var info = DicomUids.Lookup("1.2.840.10008.5.1.4.33")!;
        Assert.Equal("InstanceAvailabilityNotification", info.Keyword);
        Assert.Equal("SOP Class", info.Type);
        Assert.Equal(DicomUids.InstanceAvailabilityNotification, info.Uid);
        Assert.Null(DicomUids.Lookup("1.2.3.4"));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2", false, false, false, false)]
    [InlineData("1.2.840.10008.1.2.1", true, false, false, false)]
    [InlineData("1.2.840.10008.1.2.2", true, true, false, false)]
    [InlineData("1.2.840.10008.1.2.1.99", true, false, true, false)]
    [InlineData("1.2.840.10008.1.2.4.50", true, false, false, true)]
    [InlineData("1.2.840.10008.1.2.4.90", true, false, false, true)]
    [InlineData("1.2.840.10008.1.2.5", true, false, false, true)]
    [InlineData("1.2.840.10008.1.2.4.201", true, false, false, true)]
    public void Transfer_syntaxes_know_how_they_encode(string uid, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated)
    {
        var syntax = DicomTransferSyntax.Lookup(uid);
        Assert.True(syntax.IsKnown);
        Assert.Equal(explicitVR, syntax.IsExplicitVR);
        Assert.Equal(bigEndian, syntax.IsBigEndian);
        Assert.Equal(deflated, syntax.IsDeflated);
        Assert.Equal(encapsulated, syntax.IsEncapsulated);
    }

    [Fact]
    public void Lossy_flags_follow_the_standard()
    {
        Assert.True(DicomTransferSyntax.JPEGBaseline8Bit.IsLossy);
        Assert.False(DicomTransferSyntax.JPEGLosslessSV1.IsLossy);
        Assert.False(DicomTransferSyntax.JPEG2000Lossless.IsLossy);
        Assert.False(DicomTransferSyntax.RLELossless.IsLossy);
        Assert.True(DicomTransferSyntax.JPEGLSNearLossless.IsLossy);
    }

    [Fact]
    public void An_unknown_transfer_syntax_is_read_as_explicit_little_endian_encapsulated()
    {
        var syntax = DicomTransferSyntax.Lookup("1.2.3.4.5\0");
        Assert.False(syntax.IsKnown);
        Assert.Equal("1.2.3.4.5", syntax.Uid);
        Assert.True(syntax.IsExplicitVR);
        Assert.False(syntax.IsBigEndian);
        Assert.True(syntax.IsEncapsulated);
    }

    [Fact]
    public void Storage_sop_classes_include_ct_and_exclude_verification()
    {
        Assert.True(DicomStorageSopClasses.IsStorage(DicomUids.CTImageStorage));
        Assert.False(DicomStorageSopClasses.IsStorage(DicomUids.Verification));
        Assert.True(DicomStorageSopClasses.All.Count > 100);
    }
}
