using BenchmarkDotNet.Attributes;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Benchmarks;

/// <summary>A typical CT (about 0.5 MB): parsing it whole, its header alone, and writing it.</summary>
[MemoryDiagnoser]
public class CtBenchmarks
{
    private static readonly DicomReadOptions StopAtPixelData = new() { StopAtTag = DicomTags.PixelData };

    private BenchmarkFiles? _files;
    private byte[] _ct = [];
    private byte[] _header = [];
    private DicomFile? _parsed;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkFiles.Create(Workload.Ct, Workload.CtHeader);
        _ct = File.ReadAllBytes(_files.PathOf(Workload.Ct));
        _header = File.ReadAllBytes(_files.PathOf(Workload.CtHeader));
        _parsed = DicomFile.Read(_ct);
    }

    [GlobalCleanup]
    public void Cleanup() => _files?.Dispose();

    /// <summary>(a) The whole CT, from memory.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.Ct)]
    public DicomFile ParseCt() => DicomFile.Read(_ct);

    /// <summary>(b) The CT's header as a data set of its own, from memory.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.CtHeader)]
    public DicomFile ParseCtHeader() => DicomFile.Read(_header);

    /// <summary>(b) The CT file opened up to Pixel Data: only the header is read from disk and parsed.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.Ct)]
    public DicomFile OpenCtStopAtPixelData() => DicomFile.Open(_files!.PathOf(Workload.Ct), StopAtPixelData);

    /// <summary>(d) The CT written in explicit VR little endian.</summary>
    [Benchmark]
    [BenchmarkCategory(Workload.Ct)]
    public void WriteCt() => _parsed!.Save(Stream.Null, DicomTransferSyntax.ExplicitVRLittleEndian);
}
