using Cairn.Archive.Tasks;

namespace Cairn.Archive.Export;

/// <summary>
/// What an export on demand did: the tasks it queued (EXPORT tasks, or IAN tasks for "IAN without export"), or, for
/// a <c>dicom:&lt;AET&gt;</c> export, how the synchronous send went.
/// </summary>
public sealed record ExportOutcome
{
    /// <summary>The tasks queued; empty for a synchronous send.</summary>
    public IReadOnlyList<QueueTask> Tasks { get; init; } = [];

    /// <summary>The synchronous send's result, or null when tasks were queued.</summary>
    public ExportSendResult? Sent { get; init; }
}
