using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network;

/// <summary>
/// What an SCP does with requests. C-ECHO is answered by the server itself. A handler may stream a request's data set
/// to a sink of its choosing (a file) as it arrives; if the association fails before the data set is complete, the
/// sink is disposed and <see cref="AbandonAsync"/> lets the handler remove what it wrote.
/// </summary>
public abstract class DicomServiceHandler
{
    /// <summary>A stream for the data set of <paramref name="command"/>, or null to receive it in memory.</summary>
    public virtual ValueTask<Stream?> OpenDatasetSinkAsync(DicomAssociation association, DimseCommand command, PresentationContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(null);

    /// <summary>Handles a complete request; must send its final response (the server answers 0110H if it does not).</summary>
    public abstract ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the server should go on reading the association while <paramref name="command"/> is handled, so that a
    /// C-CANCEL-RQ for it reaches the handler as <see cref="DicomRequest.CancelRequested"/> (C-FIND, C-MOVE). A handler
    /// that reads the association itself while it works (C-GET) must not ask for this.
    /// </summary>
    public virtual bool WatchesForCancel(DimseCommand command) => false;

    /// <summary>A sink whose data set never completed, already disposed.</summary>
    public virtual ValueTask AbandonAsync(DicomAssociation association, DimseCommand command, Stream sink) => ValueTask.CompletedTask;
}
