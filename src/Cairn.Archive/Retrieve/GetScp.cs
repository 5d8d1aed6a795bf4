using Cairn.Archive.Operations;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Pdus;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// The C-GET SCP (Patient Root and Study Root): sends every matching instance back on the requestor's own
/// association, by C-STORE on the storage contexts it proposed with the SCP role, a pending response after each.
/// It reads the association itself while it works (the C-STORE responses), and so sees a C-CANCEL-RQ among them.
/// </summary>
public sealed class GetScp : DicomServiceHandler
{
    private readonly InstanceLocator _locator;
    private readonly InstanceSender _sender;
    private readonly ArchiveMetrics _metrics;

    public GetScp(InstanceLocator locator, InstanceSender sender, ArchiveMetrics metrics)
    {
        _locator = locator;
        _sender = sender;
        _metrics = metrics;
    }

    /// <summary>The SOP classes served.</summary>
    public static IReadOnlyList<string> SopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelGet, DicomUids.StudyRootQueryRetrieveInformationModelGet];

    /// <summary>The answer to a role selection proposal: the roles proposed for a storage SOP class are agreed to.</summary>
    public static RoleSelection? AnswerRole(RoleSelection proposal) =>
        proposal.ScpRole && DicomStorageSopClasses.IsStorage(proposal.SopClassUid) ? proposal : null;

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var association = request.Association;
        var logger = association.Logger;
        if (command.Field != CommandField.CGetRequest)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        _metrics.Retrieve();
        if (await RetrieveIdentifier.ReadAsync(request, DicomUids.PatientRootQueryRetrieveInformationModelGet, "C-GET", cancellationToken).ConfigureAwait(false) is not { } keys)
        {
            return;
        }

        var instances = await _locator.FindAsync(keys, cancellationToken).ConfigureAwait(false);
        var progress = new RetrieveProgress(instances.Count);
        RetrieveLog.Started(logger, association.Name, "C-GET", instances.Count, association.RemoteAETitle);

        // Storage contexts the requestor may be sent on: those it proposed with the SCP role, which was agreed to.
        var scpRoles = association.Accept.UserInformation.RoleSelections.Where(r => r.ScpRole).Select(r => r.SopClassUid).ToHashSet(StringComparer.Ordinal);
        var contexts = association.PresentationContexts.Where(c => c.IsAccepted && scpRoles.Contains(c.AbstractSyntax)).ToList();
        var canceled = false;
        for (var i = 0; i < instances.Count && !canceled; i++)
        {
            var instance = instances[i];
            var store = DimseCommand.CStoreRequest(association.NextMessageId(), instance.SopClassUid, instance.SopInstanceUid, command.Priority);
            var (outcome, failure) = await _sender.SendAsync(
                association,
                contexts,
                instance,
                store,
                async (rq, ct) =>
                {
                    var (response, cancel) = await ReceiveStoreResponseAsync(association, command, rq, ct).ConfigureAwait(false);
                    canceled |= cancel;
                    return response;
                },
                cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                RetrieveLog.SubOperationFailed(logger, association.Name, instance.SopInstanceUid, failure);
            }

            progress.Record(instance.SopInstanceUid, outcome);
            if (canceled)
            {
                RetrieveLog.Canceled(logger, association.Name, "C-GET", i + 1, instances.Count);
            }
            else if (progress.Remaining > 0)
            {
                await request.RespondAsync(progress.Pending(command), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        var status = canceled ? DimseStatus.Cancel : progress.FinalStatus;
        RetrieveLog.Finished(logger, association.Name, "C-GET", progress.Completed, progress.Warning, progress.Failed, status);
        var (final, failed) = progress.Final(command, status);
        await request.RespondAsync(final, failed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The C-STORE-RSP to <paramref name="store"/>, and whether a C-CANCEL-RQ for the C-GET came first.</summary>
    private static async ValueTask<(DimseCommand Response, bool Canceled)> ReceiveStoreResponseAsync(DicomAssociation association, DimseCommand get, DimseCommand store, CancellationToken cancellationToken)
    {
        var canceled = false;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(association.ResponseTimeout);
        while (true)
        {
            DimseMessage? message;
            try
            {
                message = await association.ReceiveAsync(null, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await association.AbortAsync().ConfigureAwait(false);
                throw new AssociationAbortedException($"no response to {store.MessageId}:{store.Name} from {association.RemoteAETitle} within {association.ResponseTimeout.TotalSeconds:0.#} s; aborted");
            }

            switch (message)
            {
                case null:
                    await association.AbortAsync().ConfigureAwait(false);
                    throw new AssociationAbortedException($"{association.RemoteAETitle} asked to release while its C-GET was in progress; aborted");
                case { Command.Field: CommandField.CCancelRequest } cancel when cancel.Command.MessageIdBeingRespondedTo == get.MessageId:
                    canceled = true;
                    continue;
                case { Command.IsResponse: true } response when response.Command.MessageIdBeingRespondedTo == store.MessageId:
                    return (response.Command, canceled);
                default:
                    await association.AbortAsync().ConfigureAwait(false);
                    throw new AssociationAbortedException($"{association.RemoteAETitle} sent {message.Command} where the response to {store.MessageId}:{store.Name} was expected; aborted");
            }
        }
    }
}
