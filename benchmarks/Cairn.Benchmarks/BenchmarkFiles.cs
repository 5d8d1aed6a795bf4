using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Benchmarks;

/// <summary>
/// The benchmark inputs, made from CT_small.dcm of the shared corpus: a CT with 512×512×16-bit pixel data, the same
/// CT without pixel data, and a multi-frame file of 400 such frames. Written in explicit VR little endian into a temp
/// folder that <see cref="Dispose"/> deletes; nothing is committed.
/// </summary>
public sealed class BenchmarkFiles : IDisposable
{
    public const int Side = 512;
    public const int Frames = 400;
    public const int FrameLength = Side * Side * 2;

    private BenchmarkFiles(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string PathOf(string workload) => Path.Combine(Folder, workload.Replace(' ', '-') + ".dcm");

    /// <summary>Writes the files of <paramref name="workloads"/> into a new temp folder.</summary>
    public static BenchmarkFiles Create(params string[] workloads)
    {
        var files = new BenchmarkFiles(Directory.CreateTempSubdirectory("cairn-bench-").FullName);
        foreach (var workload in workloads)
        {
            Build(workload).Save(files.PathOf(workload), DicomTransferSyntax.ExplicitVRLittleEndian);
        }

        return files;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>The encoded length of a workload's file, without building its pixel data.</summary>
    public static long LengthOf(string workload)
    {
        using var counter = new CountingStream();
        new DicomFile(Header(workload)).Save(counter, DicomTransferSyntax.ExplicitVRLittleEndian);
        var pixels = PixelLength(workload);

        // Pixel Data is the last element: a 12-byte explicit VR header and the pixels.
        return counter.Length + (pixels > 0 ? 12 + pixels : 0);
    }

    public static DicomFile Build(string workload)
    {
        var dataset = Header(workload);
        if (PixelLength(workload) is > 0 and var length)
        {
            var pixels = new byte[length];
            for (var i = 0; i < pixels.Length; i += 2)
            {
                // A smooth ramp, like CT numbers, not zeros.
                pixels[i] = (byte)(i >> 3);
                pixels[i + 1] = (byte)((i >> 11) & 0x0F);
            }

            dataset.AddBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        }

        return new DicomFile(dataset);
    }

    private static long PixelLength(string workload) => workload switch
    {
        Workload.Ct => FrameLength,
        Workload.MultiFrame => (long)Frames * FrameLength,
        _ => 0,
    };

    /// <summary>CT_small.dcm without its pixel data (and the padding after it), resized to 512×512 (and 400 frames).</summary>
    private static DicomDataset Header(string workload)
    {
        var dataset = DicomFile.Open(CorpusFile("test_files/CT_small.dcm")).Dataset;
        dataset.Remove(DicomTags.PixelData);
        dataset.Remove(DicomTags.DataSetTrailingPadding);
        dataset.Add(DicomTags.Rows, Side);
        dataset.Add(DicomTags.Columns, Side);
        if (workload == Workload.MultiFrame)
        {
            dataset.Add(DicomTags.NumberOfFrames, Frames.ToString(CultureInfo.InvariantCulture));
        }

        return dataset;
    }

    /// <summary>A file of the shared corpus: $CAIRN_CORPUS, or ../shared/corpus/pydicom beside the repository.</summary>
    private static string CorpusFile(string relative)
    {
        if (Environment.GetEnvironmentVariable("CAIRN_CORPUS") is { Length: > 0 } corpus)
        {
            return Path.Combine(corpus, relative);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "pydicom", relative));
                }
            }
        }

        throw new InvalidOperationException("the repository (Cairn.slnx) was not found; set CAIRN_CORPUS to the corpus folder");
    }
}
