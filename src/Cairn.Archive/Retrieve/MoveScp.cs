using Cairn.Archive.Network;
using Cairn.Archive.Configuration;
using Cairn.Archive.Operations;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// The C-MOVE SCP (Patient Root and Study Root): resolves the Move Destination in the remote AE registry, opens one
/// association to it from the called AE, and sends every matching instance as stored, with a pending response after
/// each. A C-CANCEL stops it between instances. TLS destinations are not supported yet: they are refused with A801.
/// </summary>
public sealed class MoveScp : DicomServiceHandler
{
    private readonly InstanceLocator _locator;
    private readonly InstanceSender _sender;
    private readonly ConfigurationStore _configuration;
    private readonly ArchiveMetrics _metrics;
    private readonly DicomClient _client;

    private readonly ArchiveTls _tls;

    public MoveScp(InstanceLocator locator, InstanceSender sender, ConfigurationStore configuration, ArchiveTls tls, ArchiveMetrics metrics)
    {
        _tls = tls;
        _locator = locator;
        _sender = sender;
        _configuration = configuration;
        _metrics = metrics;
        _client = new DicomClient();
    }

    /// <summary>The SOP classes served.</summary>
    public static IReadOnlyList<string> SopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelMove, DicomUids.StudyRootQueryRetrieveInformationModelMove];

    public override bool WatchesForCancel(DimseCommand command) => command.Field == CommandField.CMoveRequest;

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var association = request.Association;
        var logger = association.Logger;
        if (command.Field != CommandField.CMoveRequest)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        _metrics.Retrieve();
        if (await RetrieveIdentifier.ReadAsync(request, DicomUids.PatientRootQueryRetrieveInformationModelMove, "C-MOVE", cancellationToken).ConfigureAwait(false) is not { } keys)
        {
            return;
        }

        var destinationTitle = command.MoveDestination ?? "";
        var destination = _configuration.Current.FindRemoteAE(destinationTitle);
        if (destination is null)
        {
            var unknown = $"Move Destination unknown: {destinationTitle}";
            RetrieveLog.Refused(logger, association.Name, "C-MOVE", unknown, DimseStatus.MoveDestinationUnknown);
            await request.RespondAsync(DimseStatus.MoveDestinationUnknown, errorComment: unknown, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var instances = await _locator.FindAsync(keys, cancellationToken).ConfigureAwait(false);
        var progress = new RetrieveProgress(instances.Count);
        RetrieveLog.Started(logger, association.Name, "C-MOVE", instances.Count, destinationTitle);
        if (instances.Count == 0)
        {
            await FinishAsync(request, progress, DimseStatus.Success, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        DicomAssociation target;
        try
        {
            target = await _client.ConnectAsync(
                destination.Hostname,
                destination.Port,
                new AssociationOptions
                {
                    CallingAETitle = association.CalledAETitle,
                    CalledAETitle = destinationTitle,
                    PresentationContexts = InstanceSender.Proposals(instances),
                    MaxPduLength = 0x10000,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                },
                _tls.For(destination),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or AssociationRejectedException or AssociationAbortedException or System.Security.Authentication.AuthenticationException)
        {
            RetrieveLog.DestinationFailed(logger, association.Name, destinationTitle, e.Message);
            progress.FailRemaining(instances.Select(i => i.SopInstanceUid));
            await FinishAsync(request, progress, new DimseStatus(0xA702), $"cannot reach {destinationTitle}: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (target.ConfigureAwait(false))
        {
            var canceled = await SendAllAsync(request, target, instances, progress, cancellationToken).ConfigureAwait(false);
            if (target.State == Dicom.Network.Association.AssociationState.Established)
            {
                try
                {
                    await target.ReleaseAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or AssociationAbortedException or InvalidOperationException)
                {
                    RetrieveLog.DestinationFailed(logger, association.Name, destinationTitle, e.Message);
                }
            }

            await FinishAsync(request, progress, canceled ? DimseStatus.Cancel : progress.FinalStatus, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> SendAllAsync(DicomRequest request, DicomAssociation target, IReadOnlyList<StoredInstance> instances, RetrieveProgress progress, CancellationToken cancellationToken)
    {
        var association = request.Association;
        for (var i = 0; i < instances.Count; i++)
        {
            if (request.CancelRequested.IsCancellationRequested)
            {
                RetrieveLog.Canceled(association.Logger, association.Name, "C-MOVE", i, instances.Count);
                return true;
            }

            var instance = instances[i];
            var store = DimseCommand.CStoreRequest(target.NextMessageId(), instance.SopClassUid, instance.SopInstanceUid, request.Command.Priority, association.CallingAETitle, request.Command.MessageId);
            try
            {
                var (outcome, problem) = await _sender.SendAsync(
                    target, target.PresentationContexts, instance, store, async (rq, ct) => (await target.ReceiveResponseAsync(rq, ct).ConfigureAwait(false)).Command, cancellationToken).ConfigureAwait(false);
                if (problem is not null)
                {
                    RetrieveLog.SubOperationFailed(association.Logger, association.Name, instance.SopInstanceUid, problem);
                }

                progress.Record(instance.SopInstanceUid, outcome);
            }
            catch (AssociationAbortedException e)
            {
                RetrieveLog.DestinationFailed(association.Logger, association.Name, target.RemoteAETitle, e.Message);
                progress.FailRemaining(instances.Skip(i).Select(s => s.SopInstanceUid));
                return false;
            }

            if (progress.Remaining > 0)
            {
                await request.RespondAsync(progress.Pending(request.Command), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    private static async Task FinishAsync(DicomRequest request, RetrieveProgress progress, DimseStatus status, string? errorComment, CancellationToken cancellationToken)
    {
        var association = request.Association;
        RetrieveLog.Finished(association.Logger, association.Name, request.Command.Name, progress.Completed, progress.Warning, progress.Failed, status);
        var (response, identifier) = progress.Final(request.Command, status, errorComment);
        await request.RespondAsync(response, identifier, cancellationToken).ConfigureAwait(false);
    }
}
