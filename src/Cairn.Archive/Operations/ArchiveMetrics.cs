using System.Globalization;
using System.Text;

namespace Cairn.Archive.Operations;

/// <summary>
/// The archive's counters, written in the Prometheus text format for <c>/metrics</c>. Plain counters updated with
/// interlocked adds: cheaper than a metrics library on the C-STORE path, and all Prometheus needs.
/// </summary>
public sealed class ArchiveMetrics
{
    private long _associationsAccepted;
    private long _associationsRejected;
    private long _instancesStored;
    private long _instancesDuplicate;
    private long _bytesReceived;
    private long _storeFailures;
    private long _queries;
    private long _retrieves;

    public void AssociationAccepted()
    {
        Interlocked.Increment(ref _associationsAccepted);
    }

    public void AssociationRejected() => Interlocked.Increment(ref _associationsRejected);

    public void InstanceStored(long bytes)
    {
        Interlocked.Increment(ref _instancesStored);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    public void InstanceDuplicate(long bytes)
    {
        Interlocked.Increment(ref _instancesDuplicate);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    public void StoreFailed() => Interlocked.Increment(ref _storeFailures);

    public void Query() => Interlocked.Increment(ref _queries);

    public void Retrieve() => Interlocked.Increment(ref _retrieves);

    public long InstancesStored => Interlocked.Read(ref _instancesStored);

    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>The counters in the Prometheus text exposition format (version 0.0.4).</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder();
        Write(text, "cairn_associations_accepted_total", "counter", "DICOM associations accepted", _associationsAccepted);
        Write(text, "cairn_associations_rejected_total", "counter", "DICOM associations rejected", _associationsRejected);
        Write(text, "cairn_instances_received_total", "counter", "instances received and stored", _instancesStored);
        Write(text, "cairn_instances_duplicate_total", "counter", "instances received again and not stored (duplicate policy)", _instancesDuplicate);
        Write(text, "cairn_bytes_received_total", "counter", "bytes of received objects", _bytesReceived);
        Write(text, "cairn_store_failures_total", "counter", "C-STORE requests answered with a failure", _storeFailures);
        Write(text, "cairn_queries_total", "counter", "C-FIND and QIDO-RS queries answered", _queries);
        Write(text, "cairn_retrieves_total", "counter", "C-MOVE, C-GET and WADO-RS retrieves answered", _retrieves);
        WriteRuntime(text);
        return text.ToString();
    }

    // The process's own figures under Prometheus' usual names: what an operator watches for steady memory, and what
    // the benchmarks divide by the objects received (CPU and allocation per object).
    private static void WriteRuntime(StringBuilder text)
    {
        Write(text, "process_cpu_seconds_total", "counter", "user and system CPU time of the archive's process, in seconds", Environment.CpuUsage.TotalTime.TotalSeconds);
        Write(text, "process_resident_memory_bytes", "gauge", "resident memory of the archive's process", Environment.WorkingSet);
        Write(text, "dotnet_gc_allocated_bytes_total", "counter", "bytes allocated on the managed heap", GC.GetTotalAllocatedBytes(precise: false));
        Write(text, "dotnet_gc_heap_size_bytes", "gauge", "managed heap size after the last collection", GC.GetGCMemoryInfo().HeapSizeBytes);
        Write(text, "dotnet_gc_pause_seconds_total", "counter", "time the managed code was paused by garbage collections, in seconds", GC.GetTotalPauseDuration().TotalSeconds);
        text.Append("# HELP dotnet_gc_collections_total garbage collections by generation\n# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }
    }

    private static void Write(StringBuilder text, string name, string type, string help, double value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value:0.###}\n");
    }

    private static void Write(StringBuilder text, string name, string type, string help, long value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {Interlocked.Read(ref value)}\n");
    }
}
