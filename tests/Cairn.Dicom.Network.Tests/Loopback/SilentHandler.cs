namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>Holds every request without answering until released: a peer that has stopped responding.</summary>
public sealed class SilentHandler : DicomServiceHandler
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken) =>
        await Release.Task.WaitAsync(cancellationToken);
}
