using Cairn.Tools.Logging;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Commands;

/// <summary>
/// Receives Instance Availability Notifications (N-CREATE) and stores each as a Part 10 file named after its Affected
/// SOP Instance UID, which is also its Media Storage SOP Instance UID. A UID already stored is a duplicate (0111H).
/// </summary>
public sealed class IanScpHandler : DicomServiceHandler
{
    private readonly string _directory;
    private readonly DimseStatus _status;
    private readonly bool _ignore;
    private readonly ILogger _logger;

    public IanScpHandler(string directory, DimseStatus status, bool ignore, ILogger logger)
    {
        _directory = directory;
        _status = status;
        _ignore = ignore;
        _logger = logger;
    }

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        if (command.Field != CommandField.NCreateRequest || command.AffectedSopClassUid != DicomUids.InstanceAvailabilityNotification)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.Message.DatasetBytes is not { } bytes)
        {
            await request.RespondAsync(DimseStatus.MissingAttribute, errorComment: "an IAN N-CREATE needs a data set", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        // N-CREATE lets the SCU leave the instance UID to the SCP, which then returns the one it made.
        var uid = command.AffectedSopInstanceUid;
        if (uid is null)
        {
            uid = DicomUidGenerator.New();
            command.Dataset.Add(DicomTags.AffectedSOPInstanceUID, uid);
        }

        if (!StoreScpHandler.IsSafeUid(uid))
        {
            await request.RespondAsync(DimseStatus.InvalidArgumentValue, errorComment: "Affected SOP Instance UID is not a UID", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        DicomDataset dataset;
        try
        {
            dataset = request.Message.Dataset!;
        }
        catch (DicomFormatException e)
        {
            await request.RespondAsync(DimseStatus.ProcessingFailure, errorComment: e.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var studies = dataset.GetString(DicomTags.StudyInstanceUID);
        var instances = dataset.GetSequence(DicomTags.ReferencedSeriesSequence)?.Items.Sum(s => s.GetSequence(DicomTags.ReferencedSOPSequence)?.Items.Count ?? 0) ?? 0;
        if (!_ignore)
        {
            var path = Path.Combine(_directory, uid);
            if (File.Exists(path))
            {
                await request.RespondAsync(DimseStatus.DuplicateSopInstance, errorComment: "an IAN with this UID was received before", cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }

            var temporary = Path.Combine(_directory, $".{uid}.{Guid.NewGuid():N}.part");
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true))
                {
                    await file.WriteAsync(DicomFileHeader.Encode(DicomUids.InstanceAvailabilityNotification, uid, request.Message.Context.TransferSyntax!, request.Association.CallingAETitle), cancellationToken).ConfigureAwait(false);
                    await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, path, overwrite: false);
                ToolLog.IanStored(_logger, path, studies, instances);
            }
            catch (IOException e)
            {
                File.Delete(temporary);
                ToolLog.StoreError(_logger, uid, e.Message);
                var status = File.Exists(path) ? DimseStatus.DuplicateSopInstance : DimseStatus.ProcessingFailure;
                await request.RespondAsync(status, errorComment: e.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await request.RespondAsync(_status, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
