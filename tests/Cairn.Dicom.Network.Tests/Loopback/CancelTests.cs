using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>A C-CANCEL-RQ reaches a C-FIND handler while it answers, through <see cref="DicomRequest.CancelRequested"/>.</summary>
public sealed class CancelTests : IAsyncLifetime
{
    private const string FindModel = "1.2.840.10008.5.1.4.1.2.2.1";

    private readonly EndlessFindHandler _handler = new();
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
                        [FindModel] = [DicomUids.ImplicitVRLittleEndian],
                    },
                },
            },
            _handler);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_cancel_stops_a_find_which_ends_FE00_and_the_association_goes_on()
    {
        await using var association = await ConnectAsync();
        var context = association.FindContext(FindModel)!;
        var find = DimseCommand.CFindRequest(association.NextMessageId(), FindModel);
        await association.SendAsync(find, context, new DicomDataset().Add(DicomTags.QueryRetrieveLevel, "STUDY"), default);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(DimseStatus.Pending, (await association.ReceiveResponseAsync(find, default)).Command.Status);
        }

        await association.SendAsync(DimseCommand.CCancelRequest(find.MessageId), context, (DicomDataset?)null, default);
        DimseStatus status;
        var pendingAfterCancel = 0;
        while ((status = (await association.ReceiveResponseAsync(find, default)).Command.Status).IsPending)
        {
            pendingAfterCancel++;
        }

        Assert.Equal(DimseStatus.Cancel, status);
        Assert.True(pendingAfterCancel < 100, $"{pendingAfterCancel} pending responses after the cancel");

        // The message read while the find ran is not lost: the next request is served.
        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    [Fact]
    public async Task A_cancel_after_the_final_response_gets_no_answer()
    {
        _handler.Matches = 2;
        await using var association = await ConnectAsync();
        var context = association.FindContext(FindModel)!;
        var find = DimseCommand.CFindRequest(association.NextMessageId(), FindModel);
        await association.SendAsync(find, context, new DicomDataset().Add(DicomTags.QueryRetrieveLevel, "STUDY"), default);
        DimseStatus status;
        while ((status = (await association.ReceiveResponseAsync(find, default)).Command.Status).IsPending)
        {
        }

        Assert.Equal(DimseStatus.Success, status);
        await association.SendAsync(DimseCommand.CCancelRequest(find.MessageId), context, (DicomDataset?)null, default);

        // Were the late cancel answered, this echo's response would not be the next message.
        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    private Task<DicomAssociation> ConnectAsync() =>
        new DicomClient().ConnectAsync("127.0.0.1", _server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "SCP",
            PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]), (FindModel, [DicomUids.ImplicitVRLittleEndian])],
        });

    /// <summary>Answers a C-FIND with a pending response every few milliseconds until cancelled (or <see cref="Matches"/>).</summary>
    private sealed class EndlessFindHandler : DicomServiceHandler
    {
        public int Matches { get; set; } = 100_000;

        public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
        {
            for (var i = 0; i < Matches; i++)
            {
                if (request.IsCancelRequested)
                {
                    await request.RespondAsync(DimseStatus.Cancel, cancellationToken: cancellationToken);
                    return;
                }

                await request.RespondAsync(DimseStatus.Pending, new DicomDataset().Add(DicomTags.StudyInstanceUID, $"1.2.{i}"), cancellationToken: cancellationToken);
                await Task.Delay(5, cancellationToken);
            }

            await request.RespondAsync(DimseStatus.Success, cancellationToken: cancellationToken);
        }
    }
}
