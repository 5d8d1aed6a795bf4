using BenchmarkDotNet.Attributes;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Benchmarks;

/// <summary>A multi-frame file of about 210 MB: opened from its path, read from memory, written.</summary>
[MemoryDiagnoser]
public class MultiFrameBenchmarks
{
    private BenchmarkFiles? _files;
    private byte[] _bytes = [];
    private DicomFile? _parsed;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkFiles.Create(Workload.MultiFrame);
        _bytes = File.ReadAllBytes(_files.PathOf(Workload.MultiFrame));
        _parsed = DicomFile.Read(_bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _files?.Dispose();

    /// <summary>(c) From the file: one read into one buffer, which the values slice.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.MultiFrame)]
    public DicomFile OpenMultiFrame() => DicomFile.Open(_files!.PathOf(Workload.MultiFrame));

    /// <summary>(c) From bytes already in memory: the values are slices of them.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.MultiFrame)]
    public DicomFile ReadMultiFrame() => DicomFile.Read(_bytes);

    /// <summary>(d) Written in explicit VR little endian; the pixel data goes out as the slice it is.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.MultiFrame)]
    public void WriteMultiFrame() => _parsed!.Save(Stream.Null, DicomTransferSyntax.ExplicitVRLittleEndian);
}
