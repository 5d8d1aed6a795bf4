using Cairn.Archive.Configuration;
using Cairn.Archive.Network;
using Cairn.Archive.Retrieve;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Export;

/// <summary>
/// Sends stored instances to a remote AE by C-STORE over one association, through the <see cref="InstanceSender"/>
/// the C-MOVE SCP uses: for EXPORT tasks and for the synchronous <c>dicom:&lt;AET&gt;</c> export.
/// </summary>
public sealed class ExportSender
{
    private readonly InstanceSender _sender;
    private readonly DicomClient _client;

    private readonly ArchiveTls _tls;

    public ExportSender(InstanceSender sender, ArchiveTls tls, ILoggerFactory loggers)
    {
        _sender = sender;
        _tls = tls;
        _client = new DicomClient(loggers.CreateLogger("Cairn.Export"));
    }

    /// <summary>
    /// Sends <paramref name="instances"/> from <paramref name="callingAETitle"/> to <paramref name="destination"/>; a
    /// cancellation stops between instances (the result says so), never in the middle of one.
    /// </summary>
    public async Task<ExportSendResult> SendAsync(string callingAETitle, RemoteAE destination, IReadOnlyList<StoredInstance> instances, CancellationToken cancellationToken)
    {
        DicomAssociation association;
        try
        {
            association = await _client.ConnectAsync(
                destination.Hostname,
                destination.Port,
                new AssociationOptions
                {
                    CallingAETitle = callingAETitle,
                    CalledAETitle = destination.AETitle,
                    PresentationContexts = InstanceSender.Proposals(instances),
                    MaxPduLength = 0x10000,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ResponseTimeout = TimeSpan.FromMinutes(2),
                },
                _tls.For(destination),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or AssociationRejectedException or AssociationAbortedException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            return new ExportSendResult(instances.Count, 0, 0, 0, false, $"cannot associate with {destination.AETitle} at {destination.Hostname}:{destination.Port}: {e.Message}", null) { Associated = false };
        }

        int completed = 0, warning = 0, failed = 0, missing = 0;
        string? lastProblem = null;
        await using (association.ConfigureAwait(false))
        {
            var contexts = association.PresentationContexts;
            PreparedInstance? next = null;
            try
            {
                for (var i = 0; i < instances.Count; i++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return new ExportSendResult(instances.Count, completed, warning, failed, true, null, lastProblem) { Missing = missing };
                    }

                    // Prepared during the previous instance's wait, except the first.
                    using var current = next ?? _sender.Prepare(association, contexts, instances[i]);
                    next = null;
                    (SubOperationOutcome Outcome, string? Problem) result;
                    if (current.Problem is { } unsendable)
                    {
                        result = (SubOperationOutcome.Failed, unsendable);
                        missing += current.IsMissing ? 1 : 0;
                        next = i + 1 < instances.Count ? _sender.Prepare(association, contexts, instances[i + 1]) : null;
                    }
                    else
                    {
                        var request = DimseCommand.CStoreRequest(association.NextMessageId(), current.Instance.SopClassUid, current.Instance.SopInstanceUid);
                        await InstanceSender.SendAsync(association, current, request, CancellationToken.None).ConfigureAwait(false);

                        // The next file is opened while the peer stores this one.
                        next = i + 1 < instances.Count ? _sender.Prepare(association, contexts, instances[i + 1]) : null;
                        var response = await association.ReceiveResponseAsync(request, CancellationToken.None).ConfigureAwait(false);
                        result = InstanceSender.Outcome(association, response.Command);
                    }

                    switch (result.Outcome)
                    {
                        case SubOperationOutcome.Completed:
                            completed++;
                            break;
                        case SubOperationOutcome.Warning:
                            warning++;
                            break;
                        default:
                            failed++;
                            lastProblem = result.Problem;
                            break;
                    }
                }

                await association.ReleaseAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or AssociationAbortedException or TimeoutException)
            {
                return new ExportSendResult(instances.Count, completed, warning, failed, false, $"the association with {destination.AETitle} failed after {completed} instances: {e.Message}", lastProblem) { Missing = missing };
            }
            finally
            {
                next?.Dispose();
            }
        }

        return new ExportSendResult(instances.Count, completed, warning, failed, false, null, lastProblem) { Missing = missing };
    }
}
