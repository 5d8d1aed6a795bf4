using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cairn.Benchmarks;

/// <summary>MB/s (10^6 bytes per second) of the file a benchmark processes, from its workload category and mean time.</summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly Dictionary<string, long> _lengths = [];

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Throughput: the size of the file processed (the CT, its header or the multi-frame) divided by the mean time, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not { } nanoseconds || LengthOf(benchmarkCase) is not { } bytes)
        {
            return "-";
        }

        return (bytes / (nanoseconds / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>The length of the benchmark's workload file, measured once per workload.</summary>
    internal long? LengthOf(BenchmarkCase benchmarkCase)
    {
        var workload = benchmarkCase.Descriptor.Categories.FirstOrDefault(Workload.All.Contains);
        if (workload is null)
        {
            return null;
        }

        if (!_lengths.TryGetValue(workload, out var length))
        {
            length = BenchmarkFiles.LengthOf(workload);
            _lengths[workload] = length;
        }

        return length;
    }
}
