using System.Globalization;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// Monitoring → Export → Batches: the export tasks that have a batch ID, one row per batch with its counts per status
/// and time ranges — REST's <c>/monitor/export/batch</c> through the same <see cref="TaskService.ListBatchesAsync"/>,
/// with the same filters (applied to the tasks before they are grouped), order and paging.
/// </summary>
public sealed class ExportBatchesModel(TaskService tasks, ConfigurationStore configuration) : TaskFilterModel(tasks, configuration)
{
    public override string PagePath => "/monitoring/export/batches";

    public override string PageKey => "export";

    // Counting batches would group the whole table a second time; the pager does without.
    public override bool OffersCount => false;

    public IReadOnlyList<TaskBatch> Batches { get; private set; } = [];

    /// <summary>Whether a page follows this one.</summary>
    public bool HasMore { get; private set; }

    protected override (TaskScope? Scope, string? Problem) ResolveScope() => (TaskService.Exports, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Prepare(null))
        {
            return Page();
        }

        // One more than the page holds: whether there is a next page, without counting.
        var page = await Service.ListBatchesAsync(Parameters! with { Limit = Parameters!.Limit + 1 }, cancellationToken).ConfigureAwait(false);
        HasMore = page.Count > Parameters.Limit;
        Batches = HasMore ? [.. page.Take(Parameters.Limit)] : page;
        return Page();
    }

    /// <summary>The Export monitor showing the tasks of <paramref name="batch"/> (of one status, if given), within the current filter.</summary>
    public string TasksUrl(TaskBatch batch, QueueTaskStatus? status = null) =>
        FilteredUrl("/monitoring/export", ("batchID", batch.BatchId), ("status", status?.Text() ?? Value("status")), ("offset", null));

    /// <summary>How many of the batch's tasks are finished (completed, with warnings, failed or cancelled).</summary>
    public static long Finished(TaskBatch batch) => batch.Counts.Where(c => !c.Key.IsOpen()).Sum(c => c.Value);

    public static long Total(TaskBatch batch) => batch.Counts.Values.Sum();

    /// <summary>A status' share of the batch, as a CSS width.</summary>
    public static string Share(TaskBatch batch, long count) =>
        (100.0 * count / Math.Max(1, Total(batch))).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A time range in few characters: one time when both ends are the same, the date once when they share it.</summary>
    public static string Range(DateTimeOffset from, DateTimeOffset to)
    {
        var first = TaskDisplay.Time(from);
        var last = TaskDisplay.Time(to);
        if (first == last)
        {
            return first;
        }

        return first[..10] == last[..10] ? $"{first} – {last[11..]}" : $"{first} – {last}";
    }
}
