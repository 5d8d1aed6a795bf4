using Cairn.Archive.Configuration;

namespace Cairn.Archive.Query;

/// <summary>
/// The most results a query may return (dcmQueryMaxNumberOfResults of the called AE, else of the device; 0 or less:
/// no maximum). A query that would return more is refused as a whole rather than cut short: a C-FIND has no way to
/// say that results are missing, and QIDO-RS clients can page with limit and offset instead.
/// </summary>
public static class QueryMaximum
{
    public static int For(ArchiveDevice device, string aeTitle) =>
        device.FindLocalAE(aeTitle)?.QueryMaxNumberOfResults ?? device.Archive.QueryMaxNumberOfResults;

    /// <summary>How many of <paramref name="matches"/> a request with <paramref name="offset"/> and <paramref name="limit"/> returns.</summary>
    public static long Returned(long matches, int offset, int? limit) =>
        Math.Min(Math.Max(0, matches - offset), limit ?? long.MaxValue);
}
