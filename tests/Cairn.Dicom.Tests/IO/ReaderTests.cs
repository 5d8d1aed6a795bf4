using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Dicom.Tests.IO;

public class ReaderTests
{
    private static DicomFile Read(byte[] bytes, DicomReadOptions? options = null) => DicomFile.Read(bytes, options);

    [Fact]
    public void Explicit_little_endian_with_undefined_length_sequence_and_items()
    {
        var bytes = new Bytes()
            .Explicit(DicomTags.Modality, "CS", "CT")
            .ExplicitLong(DicomTags.ReferencedSeriesSequence, "SQ", 0xFFFFFFFF)
            .ItemStart().Explicit(DicomTags.SeriesInstanceUID, "UI", "1.2\0").ItemEnd()
            .ItemStart().ItemEnd()
            .SequenceEnd()
            .Explicit(DicomTags.PatientID, "LO", "42")
            .AsPart10(DicomUids.ExplicitVRLittleEndian);
        var file = Read(bytes);
        var sequence = file.Dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!;
        Assert.Equal(2, sequence.Items.Count);
        Assert.Equal("1.2", sequence.Items[0].GetString(DicomTags.SeriesInstanceUID));
        Assert.Empty(sequence.Items[1]);
        Assert.Equal("42", file.Dataset.GetString(DicomTags.PatientID));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Defined_length_sequence_and_items()
    {
        var item = new Bytes().Explicit(DicomTags.SeriesInstanceUID, "UI", "1.2\0").ToArray();
        var bytes = new Bytes()
            .ExplicitLong(DicomTags.ReferencedSeriesSequence, "SQ", (uint)(8 + item.Length))
            .ItemStart((uint)item.Length).Raw(item)
            .Explicit(DicomTags.PatientID, "LO", "42")
            .AsPart10(DicomUids.ExplicitVRLittleEndian);
        var file = Read(bytes);
        Assert.Equal("1.2", file.Dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0].GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("42", file.Dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void Un_of_undefined_length_is_an_implicit_vr_sequence()
    {
        // CP-246: explicit VR UN with undefined length holds an implicit VR little endian sequence.
        var bytes = new Bytes()
            .ExplicitLong(new DicomTag(0x0029, 0x1010), "UN", 0xFFFFFFFF)
            .ItemStart().Implicit(DicomTags.SeriesInstanceUID, "1.2\0").ItemEnd()
            .SequenceEnd()
            .AsPart10(DicomUids.ExplicitVRLittleEndian);
        var sequence = Read(bytes).Dataset.GetSequence(new DicomTag(0x0029, 0x1010))!;
        Assert.Equal("1.2", sequence.Items[0].GetString(DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public void Un_of_defined_length_holding_a_dictionary_sequence_is_decoded()
    {
        var content = new Bytes().ItemStart().Implicit(DicomTags.ReferencedSOPInstanceUID, "1.2.3 ").ItemEnd().SequenceEnd().ToArray();
        var bytes = new Bytes()
            .ExplicitLong(DicomTags.ReferencedImageSequence, "UN", (uint)content.Length).Raw(content)
            .AsPart10(DicomUids.ExplicitVRLittleEndian);
        var element = Read(bytes).Dataset[DicomTags.ReferencedImageSequence];
        var sequence = Assert.IsType<DicomSequence>(element);
        Assert.Equal("1.2.3", sequence.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Encapsulated_pixel_data_keeps_offset_table_and_fragments_as_they_are()
    {
        var bytes = new Bytes()
            .Explicit(DicomTags.Rows, "US", "\u0001\0")
            .ExplicitLong(DicomTags.PixelData, "OB", 0xFFFFFFFF)
            .ItemStart(4).U32(0)
            .ItemStart(4).Raw(0xFF, 0xD8, 0xFF, 0xD9)
            .ItemStart(2).Raw(0xAB, 0xCD)
            .SequenceEnd()
            .AsPart10(DicomUids.JPEGBaseline8Bit);
        var file = Read(bytes);
        var fragments = Assert.IsType<DicomFragments>(file.Dataset[DicomTags.PixelData]);
        Assert.Equal(4, fragments.OffsetTable.Length);
        Assert.Equal(2, fragments.Fragments.Count);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, fragments.Fragments[0].ToArray());

        using var output = new MemoryStream();
        file.Save(output);
        var again = Assert.IsType<DicomFragments>(DicomFile.Read(output.ToArray()).Dataset[DicomTags.PixelData]);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, again.Fragments[1].ToArray());
    }

    [Fact]
    public void Odd_lengths_and_unknown_vrs_are_tolerated_with_warnings()
    {
        var bytes = new Bytes()
            .Explicit(DicomTags.Modality, "CS", "CTX")
            .Tag(DicomTags.PatientID).Ascii("ZZ").U16(2).Ascii("42")
            .AsPart10(DicomUids.ExplicitVRLittleEndian);
        var file = Read(bytes);
        Assert.Equal("CTX", file.Dataset.GetString(DicomTags.Modality));
        Assert.Equal(DicomVR.LO, file.Dataset[DicomTags.PatientID]!.VR);
        Assert.Equal("42", file.Dataset.GetString(DicomTags.PatientID));
        Assert.Contains(file.Warnings, w => w.Message.Contains("odd length", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Message.Contains("unknown VR 'ZZ'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_set_announced_explicit_but_encoded_implicit_is_read_as_implicit()
    {
        var bytes = new Bytes().Implicit(DicomTags.Modality, "CT").Implicit(DicomTags.PatientID, "42").AsPart10(DicomUids.ExplicitVRLittleEndian);
        var file = Read(bytes);
        Assert.Equal("42", file.Dataset.GetString(DicomTags.PatientID));
        Assert.Contains(file.Warnings, w => w.Message.Contains("implicit VR", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bare_data_set_is_recognised_in_each_encoding()
    {
        Assert.Equal("CT", Read(new Bytes().Implicit(DicomTags.Modality, "CT").ToArray()).Dataset.GetString(DicomTags.Modality));
        Assert.Equal("CT", Read(new Bytes().Explicit(DicomTags.Modality, "CS", "CT").ToArray()).Dataset.GetString(DicomTags.Modality));
        var bigEndian = Read(new Bytes(bigEndian: true).Explicit(DicomTags.Modality, "CS", "CT").Tag(DicomTags.Rows).Ascii("US").U16(2).U16(512).ToArray());
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, bigEndian.TransferSyntax);
        Assert.True(bigEndian.Dataset.TryGetInt32(DicomTags.Rows, out var rows) && rows == 512);
        Assert.False(bigEndian.HadPart10Header);
    }

    [Fact]
    public void Group_length_missing_from_the_file_meta_is_not_needed()
    {
        var file = new List<byte>(new byte[128]);
        file.AddRange("DICM"u8.ToArray());
        file.AddRange(new Bytes().Explicit(DicomTags.TransferSyntaxUID, "UI", "1.2.840.10008.1.2\0").ToArray());
        file.AddRange(new Bytes().Implicit(DicomTags.Modality, "CT").ToArray());
        Assert.Equal("CT", Read([.. file]).Dataset.GetString(DicomTags.Modality));
    }

    [Theory]
    [InlineData(new byte[] { }, "empty")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D, 0x0A }, "not a DICOM file")]
    public void Non_dicom_input_is_refused(byte[] bytes, string expected)
    {
        var error = Assert.Throws<DicomFormatException>(() => Read(bytes));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void A_value_running_past_the_end_is_refused_with_its_tag_and_offset()
    {
        var bytes = new Bytes().Explicit(DicomTags.Modality, "CS", "CT").Tag(DicomTags.PatientID).Ascii("LO").U16(40).Ascii("short").ToArray();
        var error = Assert.Throws<DicomFormatException>(() => Read(bytes));
        Assert.Contains("(0010,0020) PatientID LO claims 40 bytes but only 5 remain", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, error.Offset);
    }

    [Fact]
    public void A_sequence_without_its_delimiter_at_the_end_of_the_data_is_refused()
    {
        var bytes = new Bytes().ExplicitLong(DicomTags.ReferencedSeriesSequence, "SQ", 0xFFFFFFFF).ItemStart().Explicit(DicomTags.Modality, "CS", "CT").ToArray();
        var error = Assert.Throws<DicomFormatException>(() => Read(bytes));
        Assert.Contains("no item delimiter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_not_a_stack_overflow()
    {
        var bytes = new Bytes();
        for (var i = 0; i < 10_000; i++)
        {
            bytes.ExplicitLong(DicomTags.ReferencedSeriesSequence, "SQ", 0xFFFFFFFF).ItemStart();
        }

        var error = Assert.Throws<DicomFormatException>(() => Read(bytes.ToArray()));
        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deflate_bomb_is_refused()
    {
        var dataset = new DicomDataset().AddBytes(new DicomTag(0x0029, 0x1010), DicomVR.OB, new byte[10_000_000]);
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        Assert.True(output.Length < 100_000);
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(output.ToArray(), new DicomReadOptions { MaxInflatedLength = 1_000_000 }));
        Assert.Contains("inflates to more than 1000000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_at_tag_reads_the_header_and_not_the_pixel_data()
    {
        var path = Path.GetTempFileName();
        try
        {
            var dataset = new DicomDataset()
                .Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage)
                .Add(DicomTags.PatientID, "42")
                .AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[8_000_000]);
            new DicomFile(dataset).Save(path);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var header = DicomFile.Open(path, new DicomReadOptions { StopAtTag = DicomTags.PixelData });
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal("42", header.Dataset.GetString(DicomTags.PatientID));
            Assert.False(header.Dataset.Contains(DicomTags.PixelData));
            Assert.True(allocated < 1_000_000, $"reading the header allocated {allocated} bytes");
            Assert.True(DicomFile.Open(path).Dataset.Contains(DicomTags.PixelData));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_prefix_that_reaches_the_pixel_data_gives_the_header()
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.PatientID, "42")
            .AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[200_000]);
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output);
        var bytes = output.ToArray();
        var headerOnly = new DicomReadOptions { StopAtTag = DicomTags.PixelData };

        var header = DicomFile.TryReadPrefix(bytes.AsMemory(0, 64 * 1024), headerOnly);

        Assert.NotNull(header);
        Assert.Equal("42", header.Dataset.GetString(DicomTags.PatientID));
        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, header.TransferSyntax);
    }

    [Fact]
    public void A_prefix_that_ends_before_the_pixel_data_gives_nothing_at_any_cut()
    {
        // The header is longer than the prefix: wherever the prefix ends (inside an element header or a value),
        // the answer is "read more", never a wrong header or an exception.
        var dataset = new DicomDataset()
            .Add(DicomTags.PatientID, "42")
            .AddBytes(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[3_000])
            .Add(DicomTags.SeriesDescription, "after the private block")
            .AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[1_000]);
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output);
        var bytes = output.ToArray();
        var pixelData = bytes.AsSpan().IndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00 });
        var headerOnly = new DicomReadOptions { StopAtTag = DicomTags.PixelData };

        for (var cut = 1; cut < pixelData; cut += 7)
        {
            Assert.Null(DicomFile.TryReadPrefix(bytes.AsMemory(0, cut), headerOnly));
        }

        Assert.Equal("after the private block", DicomFile.TryReadPrefix(bytes.AsMemory(0, pixelData + 12), headerOnly)!.Dataset.GetString(DicomTags.SeriesDescription));
    }

    [Fact]
    public void A_prefix_is_read_only_up_to_a_stop_tag()
    {
        Assert.Throws<ArgumentException>(() => DicomFile.TryReadPrefix(new byte[200], DicomReadOptions.Default));
    }

    [Fact]
    public void Big_endian_values_are_swapped_on_read_and_write()
    {
        var dataset = new DicomDataset()
            .AddValues(DicomTags.Rows, DicomVR.US, (ushort)0x0102)
            .AddValues(DicomTags.RealWorldValueSlope, DicomVR.FD, 2.5)
            .Add(DicomTags.FrameIncrementPointer, DicomTags.FrameTime)
            .AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[] { 1, 2, 3, 4 });
        using var output = new MemoryStream();
        new DicomFile(dataset).Save(output, DicomTransferSyntax.ExplicitVRBigEndian);
        var bytes = output.ToArray();
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { 0x00, 0x28, 0x00, 0x10, (byte)'U', (byte)'S', 0x00, 0x02, 0x01, 0x02 }) > 0);

        var reread = DicomFile.Read(bytes).Dataset;
        Assert.Equal([(ushort)0x0102], reread.GetValues<ushort>(DicomTags.Rows));
        Assert.True(reread.TryGetDouble(DicomTags.RealWorldValueSlope, out var slope) && slope == 2.5);
        Assert.Equal([DicomTags.FrameTime], reread.GetTags(DicomTags.FrameIncrementPointer));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, reread.GetBytes(DicomTags.PixelData).ToArray());
    }

    [Fact]
    public void Implicit_us_or_ss_follows_pixel_representation()
    {
        var bytes = new Bytes()
            .Tag(DicomTags.PixelRepresentation).U32(2).U16(1)
            .Tag(DicomTags.SmallestImagePixelValue).U32(2).U16(0xFFFF)
            .AsPart10(DicomUids.ImplicitVRLittleEndian);
        var dataset = Read(bytes).Dataset;
        Assert.Equal(DicomVR.SS, dataset[DicomTags.SmallestImagePixelValue]!.VR);
        Assert.True(dataset.TryGetInt32(DicomTags.SmallestImagePixelValue, out var smallest) && smallest == -1);
    }

    [Fact]
    public void A_file_cut_inside_the_file_meta_information_is_refused_cleanly()
    {
        var whole = new Bytes().Implicit(DicomTags.Modality, "CT").AsPart10(DicomUids.ImplicitVRLittleEndian);
        for (var cut = 133; cut < 160; cut++)
        {
            var error = Record.Exception(() => DicomFile.Read(whole.AsMemory(0, cut)));
            Assert.True(error is null or DicomFormatException, $"cut at {cut}: {error}");
        }
    }

    [Fact]
    public void Encapsulated_pixel_data_labelled_un_is_read_as_fragments()
    {
        var bytes = new Bytes()
            .ExplicitLong(DicomTags.PixelData, "UN", 0xFFFFFFFF)
            .ItemStart(0)
            .ItemStart(4).Raw(0xFF, 0xD8, 0xFF, 0xD9)
            .SequenceEnd()
            .AsPart10(DicomUids.JPEGBaseline8Bit);
        var file = DicomFile.Read(bytes);
        var fragments = Assert.IsType<DicomFragments>(file.Dataset[DicomTags.PixelData]);
        Assert.Equal(DicomVR.OB, fragments.VR);
        Assert.Single(fragments.Fragments);
        Assert.Contains(file.Warnings, w => w.Message.Contains("read as encapsulated OB", StringComparison.Ordinal));
    }

    [Fact]
    public void Stop_at_tag_reads_on_when_the_first_prefix_ends_inside_an_element_header()
    {
        // Regression: waveform_ecg.dcm's first 256 KiB ended 6 bytes into an element header, and the header-only
        // read reported that as truncation instead of reading more of the file.
        var path = Path.GetTempFileName();
        try
        {
            var dataset = new DicomDataset().Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
            var filler = new byte[(256 * 1024) - 200];
            dataset.AddBytes(new DicomTag(0x0009, 0x1010), DicomVR.OB, filler);
            dataset.Add(DicomTags.PatientID, "42");
            dataset.AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[1_000_000]);
            new DicomFile(dataset).Save(path);
            for (var shift = 0; shift < 16; shift += 2)
            {
                dataset.AddBytes(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[filler.Length + shift]);
                new DicomFile(dataset).Save(path);
                var header = DicomFile.Open(path, new DicomReadOptions { StopAtTag = DicomTags.PixelData });
                Assert.Equal("42", header.Dataset.GetString(DicomTags.PatientID));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Encapsulated_pixel_data_in_implicit_vr_is_ob()
    {
        // Regression (pydicom oracle, SC_rgb_jpeg.dcm): implicit VR gives Pixel Data the dictionary's OW, but
        // encapsulated pixel data is OB (PS3.5 A.4).
        var bytes = new Bytes()
            .Tag(DicomTags.PixelData).U32(0xFFFFFFFF)
            .ItemStart(0)
            .ItemStart(2).Raw(0xFF, 0xD8)
            .SequenceEnd()
            .AsPart10(DicomUids.ImplicitVRLittleEndian);
        var fragments = Assert.IsType<DicomFragments>(DicomFile.Read(bytes).Dataset[DicomTags.PixelData]);
        Assert.Equal(DicomVR.OB, fragments.VR);
    }
}
