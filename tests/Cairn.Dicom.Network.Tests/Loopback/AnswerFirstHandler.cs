namespace Cairn.Dicom.Network.Tests.Loopback;

/// <summary>Answers the first request with success, then holds every later one until released: a peer that stalls mid-association.</summary>
public sealed class AnswerFirstHandler : DicomServiceHandler
{
    private int _requests;

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            await request.RespondAsync(Cairn.Dicom.Network.Dimse.DimseStatus.Success, cancellationToken: cancellationToken);
            return;
        }

        await Release.Task.WaitAsync(cancellationToken);
    }
}
