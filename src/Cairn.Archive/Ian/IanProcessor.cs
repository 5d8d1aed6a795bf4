using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Ian;

/// <summary>
/// Runs IAN tasks: associates from the task's local AE to its remote AE (resolved in the registry now, so a corrected
/// address is used by the next retry), sends one N-CREATE with the stored IAN under the task's SOP Instance UID, and
/// releases. Success is COMPLETED; any other status is WARNING; no connection or no answer is FAILED, and retried.
/// </summary>
public sealed class IanProcessor : ITaskProcessor
{
    private readonly ConfigurationStore _configuration;
    private readonly DicomClient _client;

    public IanProcessor(ConfigurationStore configuration, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _client = new DicomClient(loggers.CreateLogger("Cairn.Ian"));
    }

    public string Type => IanTasks.Type;

    public async Task<TaskResult> ProcessAsync(QueueTask task, CancellationToken cancellationToken)
    {
        var remoteTitle = task.RemoteAET ?? "";
        if (_configuration.Current.FindRemoteAE(remoteTitle) is not { } remote)
        {
            return TaskResult.Failed($"Unknown AE: {remoteTitle}");
        }

        if (task.Payload is null || task.SopInstanceUid is null)
        {
            return TaskResult.Failed("the task holds no IAN");
        }

        var ian = DicomDatasetSerializer.Decode(task.Payload, DicomTransferSyntax.ExplicitVRLittleEndian);
        DicomAssociation association;
        try
        {
            association = await _client.ConnectAsync(
                remote.Hostname,
                remote.Port,
                new AssociationOptions
                {
                    CallingAETitle = task.LocalAET ?? "DCM4CHEE",
                    CalledAETitle = remoteTitle,
                    PresentationContexts = [(DicomUids.InstanceAvailabilityNotification, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian])],
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ResponseTimeout = TimeSpan.FromSeconds(60),
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or AssociationRejectedException or AssociationAbortedException or TimeoutException)
        {
            return TaskResult.Failed($"cannot associate with {remoteTitle} at {remote.Hostname}:{remote.Port}: {e.Message}");
        }

        await using (association.ConfigureAwait(false))
        {
            var context = association.FindContext(DicomUids.InstanceAvailabilityNotification);
            if (context is null || !context.IsAccepted)
            {
                await association.ReleaseAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                return TaskResult.Warning($"{remoteTitle} does not accept Instance Availability Notification");
            }

            DimseCommand response;
            try
            {
                var request = DimseCommand.NCreateRequest(association.NextMessageId(), DicomUids.InstanceAvailabilityNotification, task.SopInstanceUid);
                await association.SendAsync(request, context, ian, cancellationToken).ConfigureAwait(false);
                response = (await association.ReceiveResponseAsync(request, cancellationToken).ConfigureAwait(false)).Command;
                await association.ReleaseAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or AssociationAbortedException or TimeoutException)
            {
                return TaskResult.Failed($"sending the IAN to {remoteTitle} failed: {e.Message}");
            }

            return response.Status == DimseStatus.Success
                ? TaskResult.Completed($"sent IAN {task.SopInstanceUid} to {remoteTitle}")
                : TaskResult.Warning($"{remoteTitle} answered the IAN with status {response.Status}{(response.ErrorComment is { } comment ? $": {comment}" : "")}");
        }
    }
}
