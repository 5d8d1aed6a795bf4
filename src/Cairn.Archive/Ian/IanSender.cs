using Cairn.Archive.Network;
using Cairn.Archive.Configuration;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Ian;

/// <summary>
/// Sends one IAN: associates from a local AE to a remote AE (resolved in the registry now, so a corrected address is
/// used at once), sends one N-CREATE of the notification under the given SOP Instance UID, and releases. Used by IAN
/// tasks and by IAN-RS.
/// </summary>
public sealed class IanSender
{
    private readonly ConfigurationStore _configuration;
    private readonly DicomClient _client;

    private readonly ArchiveTls _tls;

    public IanSender(ConfigurationStore configuration, ArchiveTls tls, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _tls = tls;
        _client = new DicomClient(loggers.CreateLogger("Cairn.Ian"));
    }

    public async Task<IanSendResult> SendAsync(string localAETitle, string remoteAETitle, string sopInstanceUid, DicomDataset ian, CancellationToken cancellationToken)
    {
        if (_configuration.Current.FindRemoteAE(remoteAETitle) is not { } remote)
        {
            return new IanSendResult(null, $"Unknown AE: {remoteAETitle}");
        }

        DicomAssociation association;
        try
        {
            association = await _client.ConnectAsync(
                remote.Hostname,
                remote.Port,
                new AssociationOptions
                {
                    CallingAETitle = localAETitle,
                    CalledAETitle = remoteAETitle,
                    PresentationContexts = [(DicomUids.InstanceAvailabilityNotification, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian])],
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ResponseTimeout = TimeSpan.FromSeconds(60),
                },
                _tls.For(remote),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or AssociationRejectedException or AssociationAbortedException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            return new IanSendResult(null, $"cannot associate with {remoteAETitle} at {remote.Hostname}:{remote.Port}: {e.Message}");
        }

        await using (association.ConfigureAwait(false))
        {
            var context = association.FindContext(DicomUids.InstanceAvailabilityNotification);
            if (context is null || !context.IsAccepted)
            {
                await association.ReleaseAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                return new IanSendResult(null, $"{remoteAETitle} does not accept Instance Availability Notification");
            }

            DimseCommand response;
            try
            {
                var request = DimseCommand.NCreateRequest(association.NextMessageId(), DicomUids.InstanceAvailabilityNotification, sopInstanceUid);
                await association.SendAsync(request, context, ian, cancellationToken).ConfigureAwait(false);
                response = (await association.ReceiveResponseAsync(request, cancellationToken).ConfigureAwait(false)).Command;
                await association.ReleaseAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or AssociationAbortedException or TimeoutException)
            {
                return new IanSendResult(null, $"sending the IAN to {remoteAETitle} failed: {e.Message}");
            }

            return response.Status == DimseStatus.Success
                ? new IanSendResult(response.Status, $"sent IAN {sopInstanceUid} to {remoteAETitle}")
                : new IanSendResult(response.Status, $"{remoteAETitle} answered the IAN with status {response.Status}{(response.ErrorComment is { } comment ? $": {comment}" : "")}");
        }
    }
}
