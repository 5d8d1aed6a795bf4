using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Regressions;

/// <summary>
/// Found by the UN property: a UN value under a tag the dictionary knows as SQ is tried as an implicit VR sequence;
/// when that failed after reading an item header, the reader kept its position inside the value, so the bytes kept
/// were the wrong ones, or (for the last element) an ArgumentOutOfRangeException escaped.
/// </summary>
public class UnknownSequenceRegressionTests
{
    // An item of 14 bytes holding an element that claims 255: no sequence, but it looks like one for 16 bytes.
    private static ReadOnlySpan<byte> NotASequence =>
    [
        0xFE, 0xFF, 0x00, 0xE0, 0x0E, 0x00, 0x00, 0x00,
        0x10, 0x00, 0x20, 0x00, 0xFF, 0x00, 0x00, 0x00,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
    ];

    [Fact]
    public void As_the_last_element_it_reads_back_as_its_bytes()
    {
        var read = RoundTrip(new DicomDataset().AddBytes(DicomTags.ReferencedImageSequence, DicomVR.UN, NotASequence.ToArray()));
        Assert.Equal(NotASequence.ToArray(), read.GetBytes(DicomTags.ReferencedImageSequence).ToArray());
    }

    [Fact]
    public void Followed_by_another_element_it_reads_back_as_its_bytes_and_the_next_element_too()
    {
        var dataset = new DicomDataset()
            .AddBytes(DicomTags.ReferencedImageSequence, DicomVR.UN, NotASequence.ToArray())
            .Add(DicomTags.StudyID, "FOLLOWS");
        var read = RoundTrip(dataset);
        Assert.Equal(NotASequence.ToArray(), read.GetBytes(DicomTags.ReferencedImageSequence).ToArray());
        Assert.Equal("FOLLOWS", read.GetString(DicomTags.StudyID));
    }

    private static DicomDataset RoundTrip(DicomDataset dataset)
    {
        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        return DicomFile.Read(stream.ToArray()).Dataset;
    }
}
