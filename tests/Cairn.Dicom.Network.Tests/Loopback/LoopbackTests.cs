using Cairn.Dicom.IO;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

public sealed class LoopbackTests : IAsyncLifetime
{
    private readonly RecordingHandler _handler = new();
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
                    CalledAETitles = new HashSet<string> { "SCP" },
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
                    {
                        [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian],
                        [DicomUids.CTImageStorage] = AcceptancePolicy.StorageTransferSyntaxes,
                        [DicomUids.InstanceAvailabilityNotification] = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian],
                    },
                },
                AssociationRequestTimeout = TimeSpan.FromSeconds(2),
            },
            _handler);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<DicomAssociation> ConnectAsync(uint maxPdu = 16384, string called = "SCP") =>
        new DicomClient().ConnectAsync("127.0.0.1", _server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = called,
            MaxPduLength = maxPdu,
            PresentationContexts =
            [
                (DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
                (DicomUids.CTImageStorage, [DicomUids.JPEGBaseline8Bit]),
                (DicomUids.CTImageStorage, [DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian]),
                (DicomUids.MRImageStorage, [DicomUids.ImplicitVRLittleEndian]),
            ],
        });

    [Fact]
    public async Task Both_ends_know_the_local_and_the_remote_address_of_the_association()
    {
        await using var association = await ConnectAsync();
        var dataset = new DicomDataset().Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage).Add(DicomTags.SOPInstanceUID, "1.2.3.5");
        var request = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3.5");
        await association.SendAsync(request, association.FindContext(DicomUids.CTImageStorage, DicomUids.ExplicitVRLittleEndian)!, dataset, default);
        Assert.Equal(DimseStatus.Success, (await association.ReceiveResponseAsync(request, default)).Command.Status);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);

        // The requestor's local address is in plain IPv4 form although its socket is dual-stack.
        Assert.Equal("127.0.0.1", association.LocalHost);
        Assert.Equal(("127.0.0.1", "127.0.0.1"), Assert.Single(_handler.Hosts));
    }

    [Fact]
    public async Task Echo_store_and_release_on_one_association()
    {
        await using var association = await ConnectAsync();
        Assert.Equal(3, association.PresentationContexts.Count(c => c.IsAccepted));
        Assert.Null(association.FindContext(DicomUids.MRImageStorage));
        var store = association.FindContext(DicomUids.CTImageStorage, DicomUids.ExplicitVRLittleEndian)!;
        Assert.Equal(DicomUids.ExplicitVRLittleEndian, store.TransferSyntax!.Uid);

        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);

        // Large enough to be cut into many P-DATA-TF PDUs of the peer's maximum length.
        var dataset = new DicomDataset()
            .Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage)
            .Add(DicomTags.SOPInstanceUID, "1.2.3.4")
            .AddBytes(DicomTags.PixelData, DicomVR.OW, Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray());
        var request = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3.4");
        await association.SendAsync(request, store, dataset, default);
        var response = await association.ReceiveResponseAsync(request, default);
        Assert.Equal(DimseStatus.Success, response.Command.Status);
        Assert.Equal("1.2.3.4", response.Command.AffectedSopInstanceUid);

        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
        Assert.Equal(Cairn.Dicom.Network.Association.AssociationState.Idle, association.State);

        var (command, bytes) = Assert.Single(_handler.Received);
        Assert.Equal("1.2.3.4", command.AffectedSopInstanceUid);
        var received = DicomDatasetSerializer.Decode(bytes, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(dataset.GetBytes(DicomTags.PixelData).ToArray(), received.GetBytes(DicomTags.PixelData).ToArray());
    }

    [Fact]
    public async Task An_unknown_called_ae_is_rejected()
    {
        var error = await Assert.ThrowsAsync<AssociationRejectedException>(() => ConnectAsync(called: "OTHER"));
        Assert.Contains("called AE title not recognized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_status_comes_back_to_the_requestor()
    {
        _handler.Status = DimseStatus.OutOfResources;
        await using var association = await ConnectAsync();
        var request = DimseCommand.NCreateRequest(association.NextMessageId(), DicomUids.InstanceAvailabilityNotification, "1.2.3");
        await association.SendAsync(request, association.FindContext(DicomUids.InstanceAvailabilityNotification) ?? association.PresentationContexts.First(c => c.IsAccepted), new DicomDataset().Add(DicomTags.StudyInstanceUID, "1.2"), default);
        Assert.Equal(DimseStatus.OutOfResources, (await association.ReceiveResponseAsync(request, default)).Command.Status);
    }

    [Fact]
    public async Task Many_associations_at_once_are_all_served()
    {
        var tasks = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var association = await ConnectAsync();
            for (var i = 0; i < 5; i++)
            {
                var echo = DimseCommand.CEchoRequest(association.NextMessageId());
                await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
                Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
            }

            await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
        });
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task An_abort_in_the_middle_of_a_data_set_abandons_its_sink()
    {
        var association = await ConnectAsync(maxPdu: 16384);
        var store = association.FindContext(DicomUids.CTImageStorage)!;
        var request = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.9");

        // Send the command and only part of the data set, then abort.
        var chunks = PartialThenThrow();
        await Assert.ThrowsAsync<InvalidDataException>(async () => await association.SendAsync(request, store, chunks, default));
        await association.AbortAsync();

        for (var i = 0; i < 100 && _handler.Abandoned.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal("1.2.9", Assert.Single(_handler.Abandoned).AffectedSopInstanceUid);
        Assert.Empty(_handler.Received);

        static IEnumerable<ReadOnlyMemory<byte>> PartialThenThrow()
        {
            yield return new byte[100_000];
            throw new InvalidDataException("the file went away");
        }
    }

    [Fact]
    public async Task A_router_sends_each_command_to_its_handler_and_answers_the_rest_0211()
    {
        var stores = new RecordingHandler();
        var router = new DicomServiceRouter().Map(CommandField.CStoreRequest, stores);
        await using var server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy
                {
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
                    {
                        [DicomUids.CTImageStorage] = [DicomUids.ImplicitVRLittleEndian],
                        [DicomUids.InstanceAvailabilityNotification] = [DicomUids.ImplicitVRLittleEndian],
                    },
                },
            },
            router);
        server.Start();
        await using var association = await new DicomClient().ConnectAsync("127.0.0.1", server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "ANY",
            PresentationContexts = [(DicomUids.CTImageStorage, [DicomUids.ImplicitVRLittleEndian]), (DicomUids.InstanceAvailabilityNotification, [DicomUids.ImplicitVRLittleEndian])],
        });

        var store = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3");
        await association.SendAsync(store, association.FindContext(DicomUids.CTImageStorage)!, new DicomDataset().Add(DicomTags.SOPInstanceUID, "1.2.3"), default);
        Assert.Equal(DimseStatus.Success, (await association.ReceiveResponseAsync(store, default)).Command.Status);
        Assert.Single(stores.Received);

        var create = DimseCommand.NCreateRequest(association.NextMessageId(), DicomUids.InstanceAvailabilityNotification, "1.2.4");
        await association.SendAsync(create, association.FindContext(DicomUids.InstanceAvailabilityNotification)!, new DicomDataset().Add(DicomTags.StudyInstanceUID, "1.2"), default);
        var response = (await association.ReceiveResponseAsync(create, default)).Command;
        Assert.Equal(DimseStatus.UnrecognizedOperation, response.Status);
        Assert.Contains("N-CREATE-RQ", response.ErrorComment, StringComparison.Ordinal);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    [Fact]
    public async Task A_peer_that_never_answers_is_aborted_after_the_response_timeout()
    {
        var silent = new SilentHandler();
        await using var server = StartCtServer(silent);
        var association = await ConnectWithShortTimeoutAsync(server);
        var store = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3");
        await association.SendAsync(store, association.FindContext(DicomUids.CTImageStorage)!, new DicomDataset().Add(DicomTags.SOPInstanceUID, "1.2.3"), default);
        var error = await Assert.ThrowsAsync<AssociationAbortedException>(async () => await association.ReceiveResponseAsync(store, default));
        Assert.Contains("no response to 1:C-STORE-RQ", error.Message, StringComparison.Ordinal);
        Assert.Equal(Cairn.Dicom.Network.Association.AssociationState.Idle, association.State);
        silent.Release.SetResult();
    }

    [Fact]
    public async Task The_response_timeout_holds_for_every_message_not_only_the_first()
    {
        // Regression guard: the timer of a caller that cannot cancel is reused from one response to the next.
        var stalling = new AnswerFirstHandler();
        await using var server = StartCtServer(stalling);
        var association = await ConnectWithShortTimeoutAsync(server);
        var context = association.FindContext(DicomUids.CTImageStorage)!;
        var first = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3");
        await association.SendAsync(first, context, new DicomDataset().Add(DicomTags.SOPInstanceUID, "1.2.3"), default);
        Assert.Equal(DimseStatus.Success, (await association.ReceiveResponseAsync(first, CancellationToken.None)).Command.Status);

        var second = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.4");
        await association.SendAsync(second, context, new DicomDataset().Add(DicomTags.SOPInstanceUID, "1.2.4"), default);
        var error = await Assert.ThrowsAsync<AssociationAbortedException>(async () => await association.ReceiveResponseAsync(second, CancellationToken.None));
        Assert.Contains("no response to 2:C-STORE-RQ", error.Message, StringComparison.Ordinal);
        stalling.Release.SetResult();
    }

    // A server on a free loopback port that accepts CT Image Storage in implicit VR little endian, handled by handler.
    private static DicomServer StartCtServer(DicomServiceHandler handler)
    {
        var server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy { AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.CTImageStorage] = [DicomUids.ImplicitVRLittleEndian] } },
            },
            handler);
        server.Start();
        return server;
    }

    // An association to that server whose responses time out after half a second.
    private static async Task<DicomAssociation> ConnectWithShortTimeoutAsync(DicomServer server) =>
        await new DicomClient().ConnectAsync("127.0.0.1", server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "ANY",
            PresentationContexts = [(DicomUids.CTImageStorage, [DicomUids.ImplicitVRLittleEndian])],
            ResponseTimeout = TimeSpan.FromMilliseconds(500),
        });
}
