using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>A server that stops while an association is open ends it with an A-ABORT once the grace period is over.</summary>
public sealed class ServerStopTests
{
    [Fact]
    public async Task An_association_still_open_after_the_grace_period_is_aborted_not_just_dropped()
    {
        var server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy
                {
                    AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian] },
                },
            },
            new SilentHandler());
        server.Start();
        await using var association = await new DicomClient().ConnectAsync("127.0.0.1", server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "SCP",
            PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
        });

        var waiting = association.ReceiveAsync(null, CancellationToken.None).AsTask();
        await server.StopAsync(TimeSpan.FromMilliseconds(100));
        await server.DisposeAsync();

        var aborted = await Assert.ThrowsAsync<AssociationAbortedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("aborted the association", aborted.Message, StringComparison.Ordinal);
    }
}
