using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Dicom.Tests.IO;

public class WriterTests
{
    private static DicomDataset Sample() =>
        new DicomDataset()
            .Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage)
            .Add(DicomTags.SOPInstanceUID, "1.2.3.4")
            .Add(DicomTags.PatientID, "42")
            .Add(DicomTags.ReferencedSeriesSequence, new DicomDataset().Add(DicomTags.SeriesInstanceUID, "1.2"), new DicomDataset());

    [Fact]
    public void Written_files_have_a_complete_and_true_file_meta_information()
    {
        using var output = new MemoryStream();
        new DicomFile(Sample()).Save(output);
        var file = DicomFile.Read(output.ToArray());
        var meta = file.FileMetaInformation;
        Assert.Equal(DicomUids.CTImageStorage, meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("1.2.3.4", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomUids.ExplicitVRLittleEndian, meta.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(CairnImplementation.ClassUid, meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(new byte[] { 0, 1 }, meta.GetBytes(DicomTags.FileMetaInformationVersion).ToArray());

        // The group length counts exactly the bytes from the element after it to the data set.
        Assert.True(meta.TryGetInt64(DicomTags.FileMetaInformationGroupLength, out var groupLength));
        var firstDataElement = output.ToArray().AsSpan(144 + (int)groupLength, 4).ToArray();
        Assert.Equal(new byte[] { 0x08, 0x00, 0x16, 0x00 }, firstDataElement);
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.840.10008.1.2.1", "STORESCU")]
    [InlineData("1.2.840.10008.5.1.4.1.1.7", "1.2.3.45", "1.2.840.10008.1.2", "ODD")]
    [InlineData("1.2.840.10008.5.1.4.33", "2.25.1", "1.2.840.10008.1.2.4.50", "")]
    [InlineData("1.2.840.10008.5.1.4.1.1.4", "1.2.826.0.1.3680043.9.7777.2.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.11", "1.2.840.10008.1.2.2", null)]
    public void The_direct_file_meta_encoder_writes_the_bytes_of_the_general_writer(string sopClass, string sopInstance, string syntax, string? sourceAE)
    {
        var transferSyntax = DicomTransferSyntax.Lookup(syntax);

        var direct = DicomFileHeader.Encode(sopClass, sopInstance, transferSyntax, sourceAE);

        Assert.Equal(DicomFileHeader.Encode(DicomFileHeader.BuildFileMetaInformation(sopClass, sopInstance, transferSyntax, sourceAE)), direct);
        var meta = DicomFile.Read(direct).FileMetaInformation;
        Assert.Equal(sopInstance, meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(string.IsNullOrEmpty(sourceAE) ? null : sourceAE, meta.GetString(DicomTags.SourceApplicationEntityTitle));
    }

    [Theory]
    [InlineData("1.2.3.04", "STORESCU")]
    [InlineData("1.2.826.0.1.3680043.9.7777.2.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", "STORESCU")]
    [InlineData("1.2.3.4", "AN AE TITLE TOO LONG")]
    public void The_direct_file_meta_encoder_refuses_what_the_general_writer_refuses(string sopInstance, string sourceAE)
    {
        var syntax = DicomTransferSyntax.ExplicitVRLittleEndian;

        Assert.Throws<DicomValueException>(() => DicomFileHeader.BuildFileMetaInformation(DicomUids.CTImageStorage, sopInstance, syntax, sourceAE));
        Assert.Throws<DicomValueException>(() => DicomFileHeader.Encode(DicomUids.CTImageStorage, sopInstance, syntax, sourceAE));
    }

    [Theory]
    [InlineData(DicomSequenceLength.Undefined)]
    [InlineData(DicomSequenceLength.Defined)]
    public void Both_sequence_length_forms_read_back_equal(DicomSequenceLength form)
    {
        foreach (var syntax in new[] { DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian })
        {
            using var output = new MemoryStream();
            new DicomFile(Sample()).Save(output, syntax, new DicomWriteOptions { SequenceLength = form });
            var reread = DicomFile.Read(output.ToArray());
            Assert.Null(DatasetComparer.Difference(Sample(), reread.Dataset));
            Assert.Empty(reread.Warnings);
        }
    }

    [Fact]
    public void Group_lengths_present_are_recalculated_or_removed()
    {
        var dataset = Sample();
        dataset.Set(new DicomValueElement(new DicomTag(0x0010, 0x0000), DicomVR.UL, new byte[] { 99, 0, 0, 0 }));
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output);
        var reread = DicomFile.Read(output.ToArray()).Dataset;
        Assert.True(reread.TryGetInt64(new DicomTag(0x0010, 0x0000), out var length));
        Assert.Equal(8 + 2, length); // (0010,0020) LO "42"

        using var without = new MemoryStream();
        new DicomFile(dataset).Save(without, options: new DicomWriteOptions { GroupLengths = DicomGroupLengths.Remove });
        Assert.False(DicomFile.Read(without.ToArray()).Dataset.Contains(new DicomTag(0x0010, 0x0000)));
    }

    [Fact]
    public void A_value_too_long_for_a_16_bit_length_is_written_as_un()
    {
        var longText = new DicomValueElement(DicomTags.PatientID, DicomVR.LO, new byte[70_000]);
        using var output = new MemoryStream();
        new DicomFile(new DicomDataset(longText)).Save(output);
        var reread = DicomFile.Read(output.ToArray()).Dataset[DicomTags.PatientID];
        Assert.Equal(DicomVR.UN, reread!.VR);
        Assert.Equal(70_000, ((DicomValueElement)reread).Length);
    }

    [Fact]
    public void Native_pixel_data_is_not_written_as_a_compressed_syntax()
    {
        var dataset = Sample().AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[4]);
        var error = Assert.Throws<InvalidOperationException>(() => new DicomFile(dataset).Save(Stream.Null, DicomTransferSyntax.JPEGBaseline8Bit));
        Assert.Contains("needs a codec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asynchronous_save_writes_the_same_bytes()
    {
        var file = new DicomFile(Sample().AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[100_000]));
        using var sync = new MemoryStream();
        file.Save(sync);
        using var async = new MemoryStream();
        await file.SaveAsync(async);
        Assert.Equal(sync.ToArray(), async.ToArray());
    }

    [Fact]
    public void A_data_set_with_damaged_sop_uids_still_saves_with_empty_media_storage_uids()
    {
        // Regression: a SOP Class UID read with a damaged VR made Save throw from GetString.
        var dataset = new DicomDataset(
            new DicomValueElement(DicomTags.SOPClassUID, DicomVR.SL, new byte[] { 1, 2, 3, 4 }),
            new DicomValueElement(DicomTags.SOPInstanceUID, DicomVR.UI, "not a uid"u8.ToArray()));
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output);
        var meta = DicomFile.Read(output.ToArray()).FileMetaInformation;
        Assert.Equal("", meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
    }

    [Fact]
    public void Uv_values_beyond_longs_range_still_read_as_doubles()
    {
        var dataset = new DicomDataset().AddValues(new DicomTag(0x0009, 0x1001), DicomVR.UV, ulong.MaxValue);
        Assert.True(dataset.TryGetDouble(new DicomTag(0x0009, 0x1001), out var value));
        Assert.Equal(ulong.MaxValue, value);
        Assert.False(dataset.TryGetInt64(new DicomTag(0x0009, 0x1001), out _));
    }
}
