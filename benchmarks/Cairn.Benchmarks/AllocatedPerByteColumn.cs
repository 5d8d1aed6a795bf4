using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cairn.Benchmarks;

/// <summary>Bytes allocated per byte of the file processed: 1.0 means one copy of the file.</summary>
public sealed class AllocatedPerByteColumn : IColumn
{
    private readonly ThroughputColumn _sizes = new();

    public string Id => nameof(AllocatedPerByteColumn);

    public string ColumnName => "Alloc/file";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Allocated bytes per operation divided by the size of the file processed";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var allocated = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        if (allocated is not { } bytes || _sizes.LengthOf(benchmarkCase) is not { } length)
        {
            return "-";
        }

        return ((double)bytes / length).ToString("F4", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
