using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Cairn.Benchmarks;

/// <summary>
/// Short runs in process: the whole suite takes minutes on a 2-core machine, and the generated files (hundreds of MB)
/// are made once per benchmark in the same process that measures them.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddColumn(CategoriesColumn.Default, new ThroughputColumn(), new AllocatedPerByteColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        WithOptions(ConfigOptions.JoinSummary);
    }
}
