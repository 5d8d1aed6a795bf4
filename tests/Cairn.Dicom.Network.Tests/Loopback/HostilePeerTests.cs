using System.Diagnostics;
using System.Net.Sockets;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Network.Pdus;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>Peers that send garbage or nothing: each costs only its own connection, and the SCP keeps serving.</summary>
public sealed class HostilePeerTests : IAsyncLifetime
{
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
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian] },
                },
                AssociationRequestTimeout = TimeSpan.FromSeconds(1),
            },
            new RecordingHandler());
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Sends raw bytes, then reads until the server closes: returns what it answered.</summary>
    private async Task<byte[]> SendRawAsync(byte[] bytes, TimeSpan? wait = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Port);
        var stream = client.GetStream();
        if (bytes.Length > 0)
        {
            await stream.WriteAsync(bytes);
        }

        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // reset by the server: also an answer
        }

        Assert.False(timeout.IsCancellationRequested, "the server kept the connection open");
        return answer.ToArray();
    }

    private async Task AssertStillServesAsync()
    {
        await using var association = await new DicomClient().ConnectAsync("127.0.0.1", _server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "ANY",
            PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
        });
        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    private static void AssertAbort(byte[] answer, AbortReason? reason = null)
    {
        Assert.True(answer.Length >= 10, $"expected an A-ABORT, got {answer.Length} bytes");
        Assert.Equal((byte)PduType.Abort, answer[0]);
        if (reason is { } r)
        {
            Assert.Equal((byte)r, answer[9]);
        }
    }

    [Fact]
    public async Task Raw_garbage_is_aborted()
    {
        var garbage = new byte[1000];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0x42;
        AssertAbort(await SendRawAsync(garbage), AbortReason.UnrecognizedPdu);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_pdu_declaring_4_gb_is_aborted_without_waiting_for_its_body()
    {
        var before = GC.GetTotalAllocatedBytes();
        AssertAbort(await SendRawAsync([0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0]), AbortReason.InvalidPduParameterValue);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 50_000_000, "something big was allocated");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_pdu_of_the_wrong_kind_for_the_state_is_aborted()
    {
        var data = PduEncoder.Encode(new DataTransferPdu(new PresentationDataValue(1, true, true, new byte[] { 1, 2 })));
        AssertAbort(await SendRawAsync(data), AbortReason.UnexpectedPdu);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_associate_request_with_500_presentation_contexts_is_aborted()
    {
        var proposals = Enumerable.Range(0, 500).Select(i => new PresentationContextProposal((byte)((i * 2) + 1), DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])).ToList();
        var request = PduEncoder.Encode(new AssociateRequestPdu { CalledAETitle = "ANY", CallingAETitle = "SCU", PresentationContexts = proposals });
        AssertAbort(await SendRawAsync(request));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_truncated_pdu_followed_by_a_close_costs_nothing()
    {
        var request = PduEncoder.Encode(new AssociateRequestPdu { CalledAETitle = "ANY", CallingAETitle = "SCU", PresentationContexts = [new(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])] });
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", _server.Port);
            await client.GetStream().WriteAsync(request.AsMemory(0, 40));
        }

        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_peer_that_connects_and_says_nothing_is_dropped_when_artim_expires()
    {
        var stopwatch = Stopwatch.StartNew();
        var answer = await SendRawAsync([], TimeSpan.FromSeconds(10));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.True(answer.Length == 0 || answer[0] == (byte)PduType.Abort);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Many_hostile_connections_at_once_leave_the_server_serving()
    {
        var tasks = Enumerable.Range(0, 30).Select(i => SendRawAsync(i % 2 == 0 ? [0x07, 0, 0, 0, 0, 4, 0, 0, 0, 0] : [0x09, 1, 2, 3, 4, 5, 6]));
        await Task.WhenAll(tasks);
        await AssertStillServesAsync();
    }
}
