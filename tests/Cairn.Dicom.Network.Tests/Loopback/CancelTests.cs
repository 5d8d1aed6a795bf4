using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>
/// A C-CANCEL-RQ reaching a running handler: the server reads on while a handler that watches for it runs, fires
/// the request's token, and keeps whatever else arrives (the next request, the release) for after the handler.
/// </summary>
public sealed class CancelTests : IAsyncLifetime
{
    private readonly PendingUntilCanceledHandler _handler = new();
    private DicomServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy
                {
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
                    {
                        [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian],
                        [DicomUids.StudyRootQueryRetrieveInformationModelMove] = [DicomUids.ImplicitVRLittleEndian],
                    },
                },
            },
            _handler);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_cancel_reaches_the_running_handler_and_the_association_goes_on()
    {
        await using var association = await ConnectAsync();
        var context = association.FindContext(DicomUids.StudyRootQueryRetrieveInformationModelMove)!;
        var move = DimseCommand.CMoveRequest(association.NextMessageId(), DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST");
        await association.SendAsync(move, context, new DicomDataset().Add(DicomTags.QueryRetrieveLevel, "STUDY"), default);

        var first = await association.ReceiveResponseAsync(move, default);
        Assert.True(first.Command.Status.IsPending);
        await association.SendAsync(DimseCommand.CCancelRequest(move.MessageId), context, (DicomDataset?)null, default);
        DimseMessage final;
        do
        {
            final = await association.ReceiveResponseAsync(move, default);
        }
        while (final.Command.Status.IsPending);

        Assert.Equal(DimseStatus.Cancel, final.Command.Status);
        Assert.True(final.Command.CompletedSuboperations >= 1);

        // A late cancel (for what has ended) gets no answer; the next request is served as usual.
        await association.SendAsync(DimseCommand.CCancelRequest(move.MessageId), context, (DicomDataset?)null, default);
        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    [Fact]
    public async Task A_cancel_for_another_message_id_is_ignored_and_a_release_waits_for_the_handler()
    {
        _handler.StopAfter = 5;
        await using var association = await ConnectAsync();
        var context = association.FindContext(DicomUids.StudyRootQueryRetrieveInformationModelMove)!;
        var move = DimseCommand.CMoveRequest(association.NextMessageId(), DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST");
        await association.SendAsync(move, context, new DicomDataset().Add(DicomTags.QueryRetrieveLevel, "STUDY"), default);
        await association.SendAsync(DimseCommand.CCancelRequest((ushort)(move.MessageId + 100)), context, (DicomDataset?)null, default);

        // The release request arrives while the handler works; it is answered once the handler has finished.
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);

        Assert.Equal(Cairn.Dicom.Network.Association.AssociationState.Idle, association.State);
        Assert.Equal(DimseStatus.Success, _handler.LastStatus);
    }

    private Task<DicomAssociation> ConnectAsync() =>
        new DicomClient().ConnectAsync("127.0.0.1", _server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "SCP",
            PresentationContexts =
            [
                (DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
                (DicomUids.StudyRootQueryRetrieveInformationModelMove, [DicomUids.ImplicitVRLittleEndian]),
            ],
        });

    /// <summary>Answers a C-MOVE with a pending response every 20 ms until canceled (or done after <see cref="StopAfter"/>).</summary>
    private sealed class PendingUntilCanceledHandler : DicomServiceHandler
    {
        public int StopAfter { get; set; } = int.MaxValue;

        public DimseStatus? LastStatus { get; private set; }

        public override bool WatchesForCancel(DimseCommand command) => command.Field == CommandField.CMoveRequest;

        public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
        {
            ushort done = 0;
            while (!request.CancelRequested.IsCancellationRequested && done < StopAfter)
            {
                done++;
                await request.RespondAsync(DimseCommand.RetrieveResponseTo(request.Command, DimseStatus.Pending, 1, done, 0, 0), cancellationToken: cancellationToken);
                await Task.Delay(20, cancellationToken);
            }

            var status = done < StopAfter ? DimseStatus.Cancel : DimseStatus.Success;
            await request.RespondAsync(DimseCommand.RetrieveResponseTo(request.Command, status, 0, done, 0, 0), cancellationToken: cancellationToken);
            LastStatus = status;
        }
    }
}
