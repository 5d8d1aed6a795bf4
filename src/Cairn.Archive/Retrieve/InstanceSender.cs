using Cairn.Archive.Storage;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// Sends stored instances by C-STORE, as the C-MOVE and C-GET SCPs do: the file's data set bytes as they are when a
/// context has the stored transfer syntax; an uncompressed object may go re-encoded in another uncompressed syntax
/// the peer accepted; anything else fails that one instance.
/// </summary>
public sealed class InstanceSender
{
    private readonly FileStorage _storage;

    public InstanceSender(FileStorage storage)
    {
        _storage = storage;
    }

    /// <summary>
    /// What to propose to a C-MOVE destination for <paramref name="instances"/>: per SOP class and stored syntax, that
    /// syntax (and, for an uncompressed one, both little endian syntaxes so the object can go as it is or re-encoded).
    /// </summary>
    public static IReadOnlyList<(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes)> Proposals(IEnumerable<StoredInstance> instances)
    {
        var proposals = new List<(string, IReadOnlyList<string>)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var syntax = DicomTransferSyntax.Lookup(instance.TransferSyntaxUid);
            IReadOnlyList<string>[] lists = instance.TransferSyntaxUid switch
            {
                DicomUids.ExplicitVRLittleEndian => [[DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian]],
                DicomUids.ImplicitVRLittleEndian => [[DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian]],
                _ when syntax.IsEncapsulated => [[instance.TransferSyntaxUid]],
                _ => [[instance.TransferSyntaxUid], [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian]],
            };
            foreach (var list in lists)
            {
                if (proposals.Count < 128 && seen.Add($"{instance.SopClassUid}|{string.Join('\\', list)}"))
                {
                    proposals.Add((instance.SopClassUid, list));
                }
            }
        }

        return proposals;
    }

    /// <summary>
    /// Makes <paramref name="instance"/> ready to go on <paramref name="association"/> on one of <paramref
    /// name="contexts"/>: the stored syntax's context when there is one (the file's data set goes as it is), else, for
    /// an uncompressed object, another uncompressed one (the object is decoded to be re-encoded); or why it cannot go.
    /// </summary>
    public PreparedInstance Prepare(DicomAssociation association, IEnumerable<PresentationContext> contexts, StoredInstance instance)
    {
        var stored = DicomTransferSyntax.Lookup(instance.TransferSyntaxUid);
        PresentationContext? same = null, native = null;
        var any = false;
        foreach (var candidate in contexts)
        {
            if (!candidate.IsAccepted || candidate.AbstractSyntax != instance.SopClassUid)
            {
                continue;
            }

            any = true;
            if (candidate.TransferSyntax!.Uid == stored.Uid && (same is null || candidate.Id < same.Id))
            {
                same = candidate;
            }

            if (!stored.IsEncapsulated && !candidate.TransferSyntax.IsEncapsulated && (native is null || candidate.Id < native.Id))
            {
                native = candidate;
            }
        }

        if ((same ?? native) is not { } context)
        {
            return PreparedInstance.Unsendable(instance, !any
                ? $"{association.RemoteAETitle} accepted no context for SOP class {instance.SopClassUid}"
                : $"{association.RemoteAETitle} accepted SOP class {instance.SopClassUid} only in syntaxes other than the stored {stored.Uid}");
        }

        try
        {
            var path = _storage.FullPath(instance.StoragePath);
            return same is not null
                ? PreparedInstance.AsStored(instance, same, StoredDataset.Open(path))
                : PreparedInstance.ReEncoded(instance, context, DicomFile.Open(path).Dataset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DicomFormatException)
        {
            return PreparedInstance.Unreadable(instance, $"cannot read {instance.StoragePath}: {e.Message}");
        }
    }

    /// <summary>Sends a prepared instance with <paramref name="request"/>; its response is the caller's to await.</summary>
    public static async ValueTask SendAsync(DicomAssociation association, PreparedInstance prepared, DimseCommand request, CancellationToken cancellationToken)
    {
        var context = prepared.Context ?? throw new InvalidOperationException($"{prepared.Instance.SopInstanceUid} cannot be sent: {prepared.Problem}");
        if (prepared.Stored is { } stored)
        {
            await association.SendAsync(request, context, stored, stored.Length - stored.Position, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await association.SendAsync(request, context, DicomDatasetSerializer.EncodeChunks(prepared.Decoded!, context.TransferSyntax!), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a C-STORE response means for the sub-operation, with the reason when it failed.</summary>
    public static (SubOperationOutcome Outcome, string? Problem) Outcome(DicomAssociation association, DimseCommand response) =>
        response.Status.Category switch
        {
            StatusCategory.Success => (SubOperationOutcome.Completed, null),
            StatusCategory.Warning => (SubOperationOutcome.Warning, null),
            _ => (SubOperationOutcome.Failed, $"{association.RemoteAETitle} answered {response.Status}{(response.ErrorComment is { } c ? $" ({c})" : "")}"),
        };

    /// <summary>
    /// Sends <paramref name="instance"/> on one of <paramref name="contexts"/> and awaits its response with
    /// <paramref name="awaitResponse"/>; the outcome, with the reason when it failed.
    /// </summary>
    public async Task<(SubOperationOutcome Outcome, string? Problem)> SendAsync(
        DicomAssociation association,
        IEnumerable<PresentationContext> contexts,
        StoredInstance instance,
        DimseCommand request,
        Func<DimseCommand, CancellationToken, ValueTask<DimseCommand>> awaitResponse,
        CancellationToken cancellationToken)
    {
        using var prepared = Prepare(association, contexts, instance);
        if (prepared.Problem is { } problem)
        {
            return (SubOperationOutcome.Failed, problem);
        }

        await SendAsync(association, prepared, request, cancellationToken).ConfigureAwait(false);
        return Outcome(association, await awaitResponse(request, cancellationToken).ConfigureAwait(false));
    }
}
