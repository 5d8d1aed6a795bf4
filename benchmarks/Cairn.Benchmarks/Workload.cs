namespace Cairn.Benchmarks;

/// <summary>The inputs the benchmarks process, named as their [BenchmarkCategory]; the columns size them by it.</summary>
public static class Workload
{
    /// <summary>The CT: CT_small.dcm's header with 512×512×16-bit pixel data, about 0.5 MB.</summary>
    public const string Ct = "CT";

    /// <summary>The same CT without its pixel data.</summary>
    public const string CtHeader = "CT header";

    /// <summary>400 frames of 512×512×16-bit, about 210 MB.</summary>
    public const string MultiFrame = "Multi-frame";

    public static IReadOnlyList<string> All { get; } = [Ct, CtHeader, MultiFrame];
}
