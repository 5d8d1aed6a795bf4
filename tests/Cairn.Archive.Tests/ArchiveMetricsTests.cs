using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Archive.Operations;

namespace Cairn.Archive.Tests;

public sealed partial class ArchiveMetricsTests
{
    [Fact]
    public void EverySampleLineIsInThePrometheusTextFormatAndEveryMetricHasItsHelpAndType()
    {
        var metrics = new ArchiveMetrics();
        metrics.InstanceStored(1234);

        var lines = metrics.ToPrometheusText().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var typed = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        var helped = lines.Where(l => l.StartsWith("# HELP ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        foreach (var sample in lines.Where(l => !l.StartsWith('#')))
        {
            var match = SampleLine().Match(sample);
            Assert.True(match.Success, $"not a sample line: {sample}");
            Assert.Contains(match.Groups["name"].Value, typed);
            Assert.Contains(match.Groups["name"].Value, helped);
        }

        Assert.Contains("cairn_bytes_received_total 1234", lines);
        Assert.Contains(lines, l => l.StartsWith("process_cpu_seconds_total ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_collections_total{generation=\"2\"} ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRuntimeFiguresFollowTheProcess()
    {
        var metrics = new ArchiveMetrics();
        var before = Sample(metrics.ToPrometheusText(), "dotnet_gc_allocated_bytes_total");
        var kept = new List<byte[]>();
        for (var i = 0; i < 64; i++)
        {
            kept.Add(new byte[64 * 1024]);
        }

        GC.Collect(0);
        var text = metrics.ToPrometheusText();

        var after = Sample(text, "dotnet_gc_allocated_bytes_total");
        // The figure is the cheap, imprecise one: what the threads' current allocation contexts hold is not in it yet.
        Assert.True(after >= before + (0.9 * 64 * 64 * 1024), $"allocated bytes went from {before} to {after} only");
        Assert.True(Sample(text, "dotnet_gc_collections_total{generation=\"0\"}") >= 1);
        Assert.True(Sample(text, "process_resident_memory_bytes") > 1_000_000);
        Assert.True(Sample(text, "dotnet_gc_heap_size_bytes") >= kept.Count * 64 * 1024);
        Assert.True(Sample(text, "process_cpu_seconds_total") > 0);
        GC.KeepAlive(kept);
    }

    private static double Sample(string text, string name)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-z_]+=""[^""]*""\})? -?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex SampleLine();
}
