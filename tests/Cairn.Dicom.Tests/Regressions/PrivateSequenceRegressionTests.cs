using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Regressions;

/// <summary>
/// Found by the round-trip properties: Add(tag, items) looked the tag up in the dictionary before asking whether it
/// was private, so a private sequence could not be created at all ("(0009,1000) is not in the data dictionary").
/// </summary>
public class PrivateSequenceRegressionTests
{
    [Fact]
    public void A_private_sequence_can_be_added_and_reads_back_with_its_items()
    {
        var dataset = new DicomDataset();
        var tag = dataset.ReservePrivateTag(0x0009, "CAIRN PROPERTY TEST", 0x00);
        var item = new DicomDataset().Add(DicomTags.AccessionNumber, "A1");

        dataset.Add(tag, item, new DicomDataset());

        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        var sequence = DicomFile.Read(stream.ToArray()).Dataset.GetSequence(tag);
        Assert.NotNull(sequence);
        Assert.Equal(2, sequence.Items.Count);
        Assert.Equal("A1", sequence.Items[0].GetString(DicomTags.AccessionNumber));
        Assert.Empty(sequence.Items[1]);
    }

    [Fact]
    public void A_standard_tag_that_is_not_a_sequence_is_still_refused()
    {
        var error = Assert.Throws<DicomValueException>(() => new DicomDataset().Add(DicomTags.PatientName, new DicomDataset()));
        Assert.Contains("(0010,0010)", error.Message, StringComparison.Ordinal);
    }
}
