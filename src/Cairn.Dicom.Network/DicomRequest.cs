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
    /// Signalled when the peer sends a C-CANCEL-RQ for this request (C-FIND, C-GET, C-MOVE) before its final
    /// response: the handler stops and answers Cancel (FE00H).
    /// </summary>
    public CancellationToken CancelRequested => Cancellation?.Token ?? CancellationToken.None;

    /// <summary>Whether the peer has asked to cancel this request.</summary>
    public bool IsCancelRequested => CancelRequested.IsCancellationRequested;

    // Owned by the server, which disposes it once the request is done.
    internal CancellationTokenSource? Cancellation { get; init; }

    /// <summary>Whether a final (not pending) response has been sent.</summary>
    public bool IsAnswered { get; private set; }

    internal void Cancel()
    {
        try
        {
            Cancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request is over; a C-CANCEL that late is ignored (PS3.7 9.3.2.3).
        }
    }

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
