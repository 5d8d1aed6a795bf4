using System.Net.Sockets;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>
/// An association on a blocking socket (<see cref="AssociationOptions.BlockingSocket"/>), as the exporter opens on a
/// thread of its own: every call completes on the calling thread before it returns, the messages are those of the
/// socket engine's association, and the timeouts still end a blocked read.
/// </summary>
public sealed class BlockingSocketTests : IAsyncLifetime
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
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
                    {
                        [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian],
                        [DicomUids.CTImageStorage] = [DicomUids.ExplicitVRLittleEndian],
                    },
                },
            },
            _handler);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static AssociationOptions Options(TimeSpan? responseTimeout = null) => new()
    {
        CallingAETitle = "SCU",
        CalledAETitle = "SCP",
        PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]), (DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian])],
        ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(30),
        BlockingSocket = true,
    };

    [Fact]
    public async Task Every_call_completes_before_it_returns_and_the_objects_arrive_whole()
    {
        var connecting = new DicomClient().ConnectAsync("127.0.0.1", _server.Port, Options());
        Assert.True(connecting.IsCompleted);
        await using var association = await connecting;
        var context = association.FindContext(DicomUids.CTImageStorage)!;
        var sent = new List<byte[]>();
        for (var i = 1; i <= 3; i++)
        {
            // Many PDUs each (16 KB is the server's maximum), and more than one socket send.
            var pixels = Enumerable.Range(0, 150_000 * i).Select(b => (byte)(b * i)).ToArray();
            sent.Add(pixels);
            var dataset = new DicomDataset()
                .Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage)
                .Add(DicomTags.SOPInstanceUID, $"1.2.3.{i}")
                .AddBytes(DicomTags.PixelData, DicomVR.OB, pixels);
            var request = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, $"1.2.3.{i}");
            var sending = association.SendAsync(request, context, dataset, default);
            Assert.True(sending.IsCompleted);
            await sending;
            var receiving = association.ReceiveResponseAsync(request, default);
            Assert.True(receiving.IsCompleted);
            var response = await receiving;
            Assert.Equal(DimseStatus.Success, response.Command.Status);
            Assert.Equal($"1.2.3.{i}", response.Command.AffectedSopInstanceUid);
        }

        var releasing = association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
        Assert.True(releasing.IsCompleted);
        await releasing;
        Assert.Equal(Cairn.Dicom.Network.Association.AssociationState.Idle, association.State);

        Assert.Equal(3, _handler.Received.Count);
        for (var i = 0; i < 3; i++)
        {
            var (command, bytes) = _handler.Received.ElementAt(i);
            Assert.Equal($"1.2.3.{i + 1}", command.AffectedSopInstanceUid);
            Assert.Equal(sent[i], DicomDatasetSerializer.Decode(bytes, DicomTransferSyntax.ExplicitVRLittleEndian).GetBytes(DicomTags.PixelData).ToArray());
        }
    }

    [Fact]
    public async Task A_peer_that_never_answers_is_aborted_after_the_response_timeout()
    {
        var silent = new SilentHandler();
        await using var server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy { AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.CTImageStorage] = [DicomUids.ExplicitVRLittleEndian] } },
            },
            silent);
        server.Start();
        var association = await new DicomClient().ConnectAsync("127.0.0.1", server.Port, Options(TimeSpan.FromMilliseconds(500)));
        var store = DimseCommand.CStoreRequest(association.NextMessageId(), DicomUids.CTImageStorage, "1.2.3");
        await association.SendAsync(store, association.FindContext(DicomUids.CTImageStorage)!, new DicomDataset().Add(DicomTags.SOPInstanceUID, "1.2.3"), default);

        // The read blocks this thread; the timeout shuts the socket's receiving side, which ends it.
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<AssociationAbortedException>(async () => await association.ReceiveResponseAsync(store, default));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20));
        Assert.Contains("no response to 1:C-STORE-RQ", error.Message, StringComparison.Ordinal);
        Assert.Equal(Cairn.Dicom.Network.Association.AssociationState.Idle, association.State);
        silent.Release.SetResult();
    }

    [Fact]
    public async Task A_refused_connection_fails_in_words()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<IOException>(() => new DicomClient().ConnectAsync("127.0.0.1", port, Options()));
        Assert.Contains($"could not connect to 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
