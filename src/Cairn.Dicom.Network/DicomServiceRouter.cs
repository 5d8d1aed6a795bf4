using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network;

/// <summary>
/// Per-service handlers behind one SCP: each request goes to the handler mapped to its command (C-STORE, C-FIND,
/// N-CREATE, …); a command nobody handles is answered "unrecognized operation" (0211H).
/// </summary>
public sealed class DicomServiceRouter : DicomServiceHandler
{
    private readonly Dictionary<CommandField, DicomServiceHandler> _handlers = [];

    /// <summary>Routes requests with <paramref name="field"/> to <paramref name="handler"/>; returns this router.</summary>
    public DicomServiceRouter Map(CommandField field, DicomServiceHandler handler)
    {
        if (CommandFieldNames.IsResponse(field))
        {
            throw new ArgumentException($"{CommandFieldNames.Of(field)} is a response; map requests", nameof(field));
        }

        _handlers[field] = handler;
        return this;
    }

    public override ValueTask<Stream?> OpenDatasetSinkAsync(DicomAssociation association, DimseCommand command, PresentationContext context, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(command.Field, out var handler)
            ? handler.OpenDatasetSinkAsync(association, command, context, cancellationToken)
            : ValueTask.FromResult<Stream?>(null);

    public override bool WatchesForCancel(DimseCommand command) =>
        _handlers.TryGetValue(command.Field, out var handler) && handler.WatchesForCancel(command);

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        if (_handlers.TryGetValue(request.Command.Field, out var handler))
        {
            await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, errorComment: $"{request.Command.Name} is not served here", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public override ValueTask AbandonAsync(DicomAssociation association, DimseCommand command, Stream sink) =>
        _handlers.TryGetValue(command.Field, out var handler) ? handler.AbandonAsync(association, command, sink) : ValueTask.CompletedTask;
}
