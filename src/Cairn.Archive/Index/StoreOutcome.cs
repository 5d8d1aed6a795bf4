namespace Cairn.Archive.Index;

/// <summary>What the index did with a received instance.</summary>
public enum StoreDisposition
{
    /// <summary>A new instance, recorded.</summary>
    Stored,

    /// <summary>The SOP Instance UID was stored already and the policy kept the first: nothing recorded.</summary>
    Duplicate,

    /// <summary>The SOP Instance UID was stored already and the policy replaced it.</summary>
    Replaced,
}

/// <summary>
/// What the index did, and for a replacement the file that is no longer referenced and the study and series the
/// replaced instance sat in (read before it was removed; they differ from the new ones when the instance moved).
/// </summary>
public sealed record StoreOutcome(StoreDisposition Disposition, string? ObsoletePath = null, string? PreviousStudyInstanceUid = null, string? PreviousSeriesInstanceUid = null);
