using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Ian;

/// <summary>
/// Runs IAN tasks: sends the stored IAN from the task's local AE to its remote AE under the task's SOP Instance UID
/// (<see cref="IanSender"/>). Success is COMPLETED; any other status is WARNING; no answer (no connection, no
/// accepted presentation context, no response) is FAILED, and retried, as in dcm4chee-arc.
/// </summary>
public sealed class IanProcessor : ITaskProcessor
{
    private readonly IanSender _sender;

    public IanProcessor(IanSender sender)
    {
        _sender = sender;
    }

    public string Type => IanTasks.Type;

    public async Task<TaskResult> ProcessAsync(QueueTask task, CancellationToken cancellationToken)
    {
        if (task.Payload is null || task.SopInstanceUid is null)
        {
            return TaskResult.Failed("the task holds no IAN");
        }

        var ian = DicomDatasetSerializer.Decode(task.Payload, DicomTransferSyntax.ExplicitVRLittleEndian);
        var result = await _sender.SendAsync(task.LocalAET ?? "DCM4CHEE", task.RemoteAET ?? "", task.SopInstanceUid, ian, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TaskResult.Completed(result.Message)
            : result.NotAnswered ? TaskResult.Failed(result.Message)
            : TaskResult.Warning(result.Message);
    }
}
