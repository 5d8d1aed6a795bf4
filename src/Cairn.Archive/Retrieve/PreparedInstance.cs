using Cairn.Dicom;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// A stored instance made ready to go on one association: the presentation context it goes on and its data set,
/// either the stored file opened at its data set (sent as it is) or decoded (to be re-encoded in the context's
/// syntax); or, instead, why it cannot go. Preparing the next instance while the peer stores the previous one takes
/// opening its file off the path each instance waits on.
/// </summary>
public sealed class PreparedInstance : IDisposable
{
    private PreparedInstance(StoredInstance instance, PresentationContext? context, Stream? stored, DicomDataset? decoded, string? problem, bool isMissing = false)
    {
        IsMissing = isMissing;
        Instance = instance;
        Context = context;
        Stored = stored;
        Decoded = decoded;
        Problem = problem;
    }

    public StoredInstance Instance { get; }

    /// <summary>The accepted context it goes on; null when it cannot go.</summary>
    public PresentationContext? Context { get; }

    /// <summary>Why it cannot go (no context, an unreadable file); null when it can.</summary>
    public string? Problem { get; }

    /// <summary>It cannot go because its file cannot be read (an object the index names but the storage lost).</summary>
    public bool IsMissing { get; }

    /// <summary>The stored file, positioned at its data set, when that goes as it is.</summary>
    internal Stream? Stored { get; }

    /// <summary>The data set, when it goes re-encoded.</summary>
    internal DicomDataset? Decoded { get; }

    internal static PreparedInstance AsStored(StoredInstance instance, PresentationContext context, Stream stored) => new(instance, context, stored, null, null);

    internal static PreparedInstance ReEncoded(StoredInstance instance, PresentationContext context, DicomDataset dataset) => new(instance, context, null, dataset, null);

    internal static PreparedInstance Unsendable(StoredInstance instance, string problem) => new(instance, null, null, null, problem);

    internal static PreparedInstance Unreadable(StoredInstance instance, string problem) => new(instance, null, null, null, problem, isMissing: true);

    public void Dispose() => Stored?.Dispose();
}
