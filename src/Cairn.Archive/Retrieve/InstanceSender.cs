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
        var candidates = contexts.Where(c => c.IsAccepted && c.AbstractSyntax == instance.SopClassUid).OrderBy(c => c.Id).ToList();
        var stored = DicomTransferSyntax.Lookup(instance.TransferSyntaxUid);
        var same = candidates.FirstOrDefault(c => c.TransferSyntax!.Uid == stored.Uid);
        var native = stored.IsEncapsulated ? null : candidates.FirstOrDefault(c => !c.TransferSyntax!.IsEncapsulated);
        if ((same ?? native) is not { } context)
        {
            return (SubOperationOutcome.Failed, candidates.Count == 0
                ? $"{association.RemoteAETitle} accepted no context for SOP class {instance.SopClassUid}"
                : $"{association.RemoteAETitle} accepted SOP class {instance.SopClassUid} only in syntaxes other than the stored {stored.Uid}");
        }

        string path;
        IEnumerable<ReadOnlyMemory<byte>> chunks;
        try
        {
            path = _storage.FullPath(instance.StoragePath);
            if (same is not null)
            {
                chunks = StoredDataset.Chunks(path, StoredDataset.Offset(path));
            }
            else
            {
                var file = await DicomFile.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                chunks = DicomDatasetSerializer.EncodeChunks(file.Dataset, context.TransferSyntax!);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DicomFormatException)
        {
            return (SubOperationOutcome.Failed, $"cannot read {instance.StoragePath}: {e.Message}");
        }

        await association.SendAsync(request, context, chunks, cancellationToken).ConfigureAwait(false);
        var response = await awaitResponse(request, cancellationToken).ConfigureAwait(false);
        return response.Status.Category switch
        {
            StatusCategory.Success => (SubOperationOutcome.Completed, null),
            StatusCategory.Warning => (SubOperationOutcome.Warning, null),
            _ => (SubOperationOutcome.Failed, $"{association.RemoteAETitle} answered {response.Status}{(response.ErrorComment is { } c ? $" ({c})" : "")}"),
        };
    }
}
