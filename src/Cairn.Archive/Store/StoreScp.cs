using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Operations;
using Cairn.Archive.Storage;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Store;

/// <summary>
/// The archive's C-STORE SCP. Each object is written as it arrives, as a Part 10 file in the storage's incoming
/// folder; once complete it is parsed up to its pixel data (from the copy of its first 64 KB kept in memory, else read
/// back), checked, moved to its place, and recorded in the index.
/// Success is answered only after the file is on disk (flushed when <c>dcmStorageFsync</c>) and the index row is
/// committed; any failure deletes what was written and is answered with a failure status and a comment.
/// </summary>
public sealed class StoreScp : DicomServiceHandler
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopAtTag = DicomTags.PixelData };

    private readonly FileStorage _storage;
    private readonly IndexWriter _index;
    private readonly ConfigurationStore _configuration;
    private readonly ArchiveMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IStoredInstanceObserver> _observers;
    private readonly ILogger _logger;

    public StoreScp(FileStorage storage, IndexWriter index, ConfigurationStore configuration, ArchiveMetrics metrics, TimeProvider time, IEnumerable<IStoredInstanceObserver> observers, ILogger<StoreScp> logger)
    {
        _observers = [.. observers];
        _logger = logger;
        _storage = storage;
        _index = index;
        _configuration = configuration;
        _metrics = metrics;
        _time = time;
    }

    public override async ValueTask<Stream?> OpenDatasetSinkAsync(DicomAssociation association, DimseCommand command, PresentationContext context, CancellationToken cancellationToken)
    {
        if (command.Field != CommandField.CStoreRequest
            || command.AffectedSopInstanceUid is not { } sopInstanceUid
            || DicomValueValidator.CheckUid(sopInstanceUid) is not null
            || command.AffectedSopClassUid is not { } sopClassUid
            || DicomValueValidator.CheckUid(sopClassUid) is not null)
        {
            // Kept in memory and refused in HandleAsync with the reason.
            return null;
        }

        var file = _storage.CreateIncoming();
        await file.WriteAsync(DicomFileHeader.Encode(sopClassUid, sopInstanceUid, context.TransferSyntax!, association.CallingAETitle), cancellationToken).ConfigureAwait(false);
        return file;
    }

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var association = request.Association;
        if (command.Field != CommandField.CStoreRequest)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var sopInstanceUid = command.AffectedSopInstanceUid ?? "";
        if (request.Message.Sink is not IncomingFileStream file)
        {
            var problem = DicomValueValidator.CheckUid(sopInstanceUid) is { } uidProblem
                ? $"Affected SOP Instance UID '{sopInstanceUid}' is not a valid UID: {uidProblem}"
                : $"Affected SOP Class UID '{command.AffectedSopClassUid}' is not a valid UID";
            await RefuseAsync(request, DimseStatus.CannotUnderstand, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        var settings = _configuration.Current;
        var durable = settings.Archive.StorageFsync;
        var digest = file.Complete(durable);
        if (file.Failure is { } writeError)
        {
            FileStorage.Discard(file);
            await FailAsync(request, DimseStatus.OutOfResources, $"cannot write the object: {writeError.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        DicomFile parsed;
        try
        {
            // The object's start was kept in memory as it was written: the whole of a small object, and the header
            // of most large ones, need not be read back from the disk.
            parsed = file.Content is { } content
                ? DicomFile.Read(content, HeaderOnly)
                : (file.Prefix is { } prefix ? DicomFile.TryReadPrefix(prefix, HeaderOnly) : null) ?? DicomFile.Open(file.Path, HeaderOnly);
        }
        catch (DicomFormatException e)
        {
            FileStorage.Discard(file);
            await RefuseAsync(request, DimseStatus.CannotUnderstand, $"the data set cannot be parsed: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ReceivedInstanceReader.Problem(parsed.Dataset, sopInstanceUid, command.AffectedSopClassUid ?? "") is { } invalid)
        {
            FileStorage.Discard(file);
            await RefuseAsync(request, DimseStatus.DataSetDoesNotMatchSopClass, invalid, cancellationToken).ConfigureAwait(false);
            return;
        }

        var received = _time.GetUtcNow();
        var dataset = parsed.Dataset;
        var studyUid = dataset.GetString(DicomTags.StudyInstanceUID)!;
        var relative = StoragePaths.For(received, studyUid, dataset.GetString(DicomTags.SeriesInstanceUID)!, sopInstanceUid);
        string stored;
        try
        {
            stored = _storage.Commit(file, relative);
        }
        catch (IOException e)
        {
            FileStorage.Discard(file);
            await FailAsync(request, DimseStatus.OutOfResources, $"cannot move the object into the storage: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = new Receipt(association.CallingAETitle, association.CalledAETitle, association.RemoteHost, association.LocalHost, received, stored, file.Written, digest);
        var policy = settings.FindLocalAE(association.CalledAETitle)?.OverwritePolicy ?? settings.Archive.OverwritePolicy;
        StoreOutcome outcome;
        try
        {
            outcome = await _index.StoreAsync(ReceivedInstanceReader.Read(dataset, parsed.TransferSyntax, receipt), policy, durable, _storage.FolderOf(stored), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // The folder flush before the commit (dcmStorageFsync): the file's new name may not survive a power cut.
            _storage.Delete(stored);
            await FailAsync(request, DimseStatus.OutOfResources, $"cannot flush the object's folder: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _storage.Delete(stored);
            var status = IndexDatabase.IsOutOfSpace(e) ? DimseStatus.OutOfResources : DimseStatus.ProcessingFailure;
            await FailAsync(request, status, $"cannot record the object in the index: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var policyName = PolicyName(policy);
        switch (outcome.Disposition)
        {
            case StoreDisposition.Duplicate:
                _storage.Delete(stored);
                _metrics.InstanceDuplicate(file.Written);
                StoreLog.Duplicate(association.Logger, association.Name, sopInstanceUid, policyName);
                break;
            case StoreDisposition.Replaced:
                _storage.Delete(outcome.ObsoletePath!);
                _metrics.InstanceStored(file.Written);
                StoreLog.Replaced(association.Logger, association.Name, sopInstanceUid, policyName);
                break;
            default:
                _metrics.InstanceStored(file.Written);
                if (association.Logger.IsEnabled(LogLevel.Information))
                {
                    StoreLog.Stored(association.Logger, association.Name, sopInstanceUid, studyUid, file.Written, stored);
                }

                break;
        }

        await request.RespondAsync(DimseStatus.Success, cancellationToken: cancellationToken).ConfigureAwait(false);
        await NotifyAsync(
            new StoredObject(
                dataset,
                new Export.ReceivedContext(association.CallingAETitle, association.CalledAETitle, association.RemoteHost, association.LocalHost),
                studyUid,
                dataset.GetString(DicomTags.SeriesInstanceUID)!,
                sopInstanceUid,
                outcome.Disposition,
                outcome.PreviousStudyInstanceUid,
                outcome.PreviousSeriesInstanceUid),
            cancellationToken).ConfigureAwait(false);
    }

    // After the response: a peer does not wait for the rules, and an instance stored stays stored whatever they do.
    private async Task NotifyAsync(StoredObject stored, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnStoredAsync(stored, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StoreLog.ObserverFailed(_logger, stored.SopInstanceUid, e.Message);
            }
        }
    }

    public override ValueTask AbandonAsync(DicomAssociation association, DimseCommand command, Stream sink)
    {
        if (sink is IncomingFileStream file)
        {
            FileStorage.Discard(file);
            StoreLog.Abandoned(association.Logger, association.Name, command.AffectedSopInstanceUid ?? "");
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask RefuseAsync(DicomRequest request, DimseStatus status, string reason, CancellationToken cancellationToken)
    {
        _metrics.StoreFailed();
        StoreLog.Refused(request.Association.Logger, request.Association.Name, request.Command.AffectedSopInstanceUid ?? "", reason, status.ToString());
        await request.RespondAsync(status, errorComment: Comment(reason), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FailAsync(DicomRequest request, DimseStatus status, string reason, CancellationToken cancellationToken)
    {
        _metrics.StoreFailed();
        StoreLog.Failed(request.Association.Logger, request.Association.Name, request.Command.AffectedSopInstanceUid ?? "", reason, status.ToString());
        await request.RespondAsync(status, errorComment: Comment(reason), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Error Comment (0000,0902) is LO: 64 characters at most.
    private static string Comment(string reason) => reason.Length <= 64 ? reason : reason[..61] + "...";

    private static string PolicyName(OverwritePolicy policy) => policy switch
    {
        OverwritePolicy.Always => "ALWAYS",
        OverwritePolicy.SameSource => "SAME_SOURCE",
        _ => "NEVER",
    };
}
