namespace Cairn.Archive.Export;

/// <summary>
/// How sending stored instances over one association went: the C-STORE counts, whether it was canceled, and what
/// went wrong: <see cref="Error"/> when the association could not be made or broke (then the counts are what was
/// done before), else <see cref="LastProblem"/> of a failed instance.
/// </summary>
public sealed record ExportSendResult(int Total, int Completed, int Warning, int Failed, bool Canceled, string? Error, string? LastProblem)
{
    /// <summary>Of <see cref="Failed"/>, the instances whose file could not be read (missing from the storage).</summary>
    public int Missing { get; init; }

    /// <summary>False when no association could be made: nothing was tried.</summary>
    public bool Associated { get; init; } = true;

    /// <summary>The counts in words: "3 of 5 instances sent, 2 failed".</summary>
    public string Counts =>
        $"{Completed} of {Total} instances sent" + (Warning > 0 ? $", {Warning} with warnings" : "") + (Failed > 0 ? $", {Failed} failed" : "") + (Missing > 0 ? $" ({Missing} not readable)" : "");
}
