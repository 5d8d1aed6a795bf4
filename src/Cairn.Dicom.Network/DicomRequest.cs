using Cairn.Dicom.Network.Dimse;

namespace Cairn.Dicom.Network;

/// <summary>A request an SCP received, and the means to answer it on its association.</summary>
public sealed class DicomRequest
{
    public DicomRequest(DicomAssociation association, DimseMessage message)
    {
        Association = association;
        Message = message;
    }

    public DicomAssociation Association { get; }

    public DimseMessage Message { get; }

    public DimseCommand Command => Message.Command;

    /// <summary>
    /// Fires when the peer sends a C-CANCEL-RQ for this request. The server listens for one while the handler runs
    /// only when the handler asks it to (<see cref="DicomServiceHandler.WatchesForCancel"/>); otherwise it never fires.
    /// </summary>
    public CancellationToken CancelRequested { get; init; }

    /// <summary>Whether the peer has asked to cancel this request.</summary>
    public bool IsCancelRequested => CancelRequested.IsCancellationRequested;

    /// <summary>Whether a final (not pending) response has been sent.</summary>
    public bool IsAnswered { get; private set; }

    /// <summary>Sends a response; pending ones may precede the final one, which must come once.</summary>
    public async ValueTask RespondAsync(DimseStatus status, DicomDataset? dataset = null, string? errorComment = null, CancellationToken cancellationToken = default)
    {
        await RespondAsync(DimseCommand.ResponseTo(Command, status, dataset is not null, errorComment), dataset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a response command built by the caller (e.g. with sub-operation counts).</summary>
    public async ValueTask RespondAsync(DimseCommand response, DicomDataset? dataset = null, CancellationToken cancellationToken = default)
    {
        if (IsAnswered)
        {
            throw new InvalidOperationException($"{Command.MessageId}:{Command.Name} has been answered already");
        }

        await Association.SendAsync(response, Message.Context, dataset, cancellationToken).ConfigureAwait(false);
        IsAnswered = !response.Status.IsPending;
    }
}
