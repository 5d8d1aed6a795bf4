using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests;

/// <summary>
/// "A 200 MB file must not cost several times its size": opening a large multi-frame file allocates about one copy of
/// it, and the Pixel Data value is a slice of that copy. Counted, not timed, so the check is deterministic.
/// </summary>
public sealed class MemoryTests : IDisposable
{
    private const int Frames = 400;
    private const int FrameLength = 512 * 512 * 2;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cairn-memory-{Guid.NewGuid():N}.dcm");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Opening_a_200_MB_multi_frame_file_allocates_under_one_and_a_quarter_times_its_size_and_slices_the_pixel_data()
    {
        WriteMultiFrame(_path);
        var length = new FileInfo(_path).Length;
        Assert.True(length >= 200_000_000, $"the file has {length} bytes");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DicomFile.Open(_path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < length * 1.25, $"opening {length} bytes allocated {allocated} bytes ({(double)allocated / length:F3}×)");
        var pixels = Assert.IsType<DicomValueElement>(file.Dataset.Get(DicomTags.PixelData));
        Assert.Equal((long)Frames * FrameLength, pixels.Length);

        // One buffer, the file's: Pixel Data is its tail, not a copy.
        Assert.True(MemoryMarshal.TryGetArray(pixels.Value, out var segment));
        Assert.Equal(length, segment.Array!.LongLength);
        Assert.Equal(length - pixels.Length, segment.Offset);

        // And it is the right bytes: each frame starts with its number.
        foreach (var frame in new[] { 0, 1, Frames / 2, Frames - 1 })
        {
            Assert.Equal(frame, BinaryPrimitives.ReadInt32LittleEndian(pixels.Value.Span[(frame * FrameLength)..]));
        }
    }

    /// <summary>
    /// The header through the toolkit's writer, then the Pixel Data element streamed after it frame by frame, so that
    /// making the file does not itself hold 200 MB.
    /// </summary>
    private static void WriteMultiFrame(string path)
    {
        var header = new DicomDataset()
            .Add(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7.3")
            .Add(DicomTags.SOPInstanceUID, "2.25.1234567890")
            .Add(DicomTags.Modality, "OT")
            .Add(DicomTags.SamplesPerPixel, 1)
            .Add(DicomTags.PhotometricInterpretation, "MONOCHROME2")
            .Add(DicomTags.NumberOfFrames, Frames.ToString(CultureInfo.InvariantCulture))
            .Add(DicomTags.Rows, 512)
            .Add(DicomTags.Columns, 512)
            .Add(DicomTags.BitsAllocated, 16)
            .Add(DicomTags.BitsStored, 16)
            .Add(DicomTags.HighBit, 15)
            .Add(DicomTags.PixelRepresentation, 0);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        new DicomFile(header).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);

        var element = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(element, 0x7FE0);
        BinaryPrimitives.WriteUInt16LittleEndian(element.AsSpan(2), 0x0010);
        "OW"u8.CopyTo(element.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(element.AsSpan(8), (uint)Frames * FrameLength);
        stream.Write(element);
        var frameBytes = new byte[FrameLength];
        for (var i = 0; i < frameBytes.Length; i++)
        {
            frameBytes[i] = (byte)(i * 7);
        }

        for (var frame = 0; frame < Frames; frame++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(frameBytes, frame);
            stream.Write(frameBytes);
        }
    }
}
