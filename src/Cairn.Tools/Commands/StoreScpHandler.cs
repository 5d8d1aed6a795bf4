using Cairn.Tools.Logging;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Commands;

/// <summary>
/// Stores each C-STORE as a Part 10 file named after its SOP Instance UID: the header is written first, then the data
/// set's bytes as they arrive, to a temporary name that is renamed when the object is complete.
/// </summary>
public sealed class StoreScpHandler : DicomServiceHandler
{
    private readonly string _directory;
    private readonly DimseStatus _status;
    private readonly bool _ignore;
    private readonly ILogger _logger;

    public StoreScpHandler(string directory, DimseStatus status, bool ignore, ILogger logger)
    {
        _directory = directory;
        _status = status;
        _ignore = ignore;
        _logger = logger;
    }

    public override async ValueTask<Stream?> OpenDatasetSinkAsync(DicomAssociation association, DimseCommand command, PresentationContext context, CancellationToken cancellationToken)
    {
        if (command.Field != CommandField.CStoreRequest || !IsSafeUid(command.AffectedSopInstanceUid))
        {
            return null;
        }

        if (_ignore)
        {
            return Stream.Null;
        }

        var stream = new PartFileSink(TemporaryPath(command));
        await stream.WriteAsync(DicomFileHeader.Encode(command.AffectedSopClassUid ?? "", command.AffectedSopInstanceUid!, context.TransferSyntax!, association.CallingAETitle), cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        if (command.Field != CommandField.CStoreRequest)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsSafeUid(command.AffectedSopInstanceUid))
        {
            await request.RespondAsync(DimseStatus.CannotUnderstand, errorComment: "Affected SOP Instance UID is not a UID", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_ignore && request.Message.Sink is PartFileSink file)
        {
            var temporary = file.Path;
            try
            {
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                await file.DisposeAsync().ConfigureAwait(false);
                var path = Path.Combine(_directory, command.AffectedSopInstanceUid!);
                File.Move(temporary, path, overwrite: true);
                ToolLog.Stored(_logger, path);
            }
            catch (IOException e)
            {
                await file.DisposeAsync().ConfigureAwait(false);
                File.Delete(temporary);
                ToolLog.StoreError(_logger, command.AffectedSopInstanceUid!, e.Message);
                await request.RespondAsync(DimseStatus.OutOfResources, errorComment: e.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await request.RespondAsync(_status, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask AbandonAsync(DicomAssociation association, DimseCommand command, Stream sink)
    {
        if (sink is PartFileSink file)
        {
            File.Delete(file.Path);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A file name is only ever built from a UID: digits and dots, nothing a path could be made of.</summary>
    internal static bool IsSafeUid(string? uid) =>
        uid is { Length: > 0 and <= 64 } && uid.All(c => char.IsAsciiDigit(c) || c == '.') && uid[0] != '.';

    private string TemporaryPath(DimseCommand command) => Path.Combine(_directory, $".{command.AffectedSopInstanceUid}.{Guid.NewGuid():N}.part");
}
