using System.Collections.Concurrent;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>Keeps what it receives; streams C-STORE data sets into memory streams it owns, to test the sink path.</summary>
public sealed class RecordingHandler : DicomServiceHandler
{
    public ConcurrentQueue<(DimseCommand Command, byte[] Dataset)> Received { get; } = new();

    public ConcurrentQueue<DimseCommand> Abandoned { get; } = new();

    /// <summary>The (local, remote) addresses of the association each request came on, as the acceptor sees them.</summary>
    public ConcurrentQueue<(string Local, string Remote)> Hosts { get; } = new();

    public DimseStatus Status { get; set; } = DimseStatus.Success;

    public override ValueTask<Stream?> OpenDatasetSinkAsync(DicomAssociation association, DimseCommand command, PresentationContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(command.Field == CommandField.CStoreRequest ? new MemoryStream() : null);

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var bytes = request.Message.Sink is MemoryStream sink ? sink.ToArray() : request.Message.DatasetBytes?.ToArray() ?? [];
        Received.Enqueue((request.Command, bytes));
        Hosts.Enqueue((request.Association.LocalHost, request.Association.RemoteHost));
        await request.RespondAsync(Status, cancellationToken: cancellationToken);
    }

    public override ValueTask AbandonAsync(DicomAssociation association, DimseCommand command, Stream sink)
    {
        Abandoned.Enqueue(command);
        return ValueTask.CompletedTask;
    }
}
