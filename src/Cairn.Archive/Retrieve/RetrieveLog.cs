using Cairn.Dicom.Network.Dimse;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Retrieve;

/// <summary>The retrieve services' log lines.</summary>
internal static partial class RetrieveLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: {Command} of {Count} instance(s) to {Destination}")]
    public static partial void Started(ILogger logger, string association, string command, int count, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: {Command} refused: {Problem} ({Status})")]
    public static partial void Refused(ILogger logger, string association, string command, string problem, DimseStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: could not send {SopInstanceUid}: {Problem}")]
    public static partial void SubOperationFailed(ILogger logger, string association, string sopInstanceUid, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: cannot reach {Destination}: {Problem}")]
    public static partial void DestinationFailed(ILogger logger, string association, string destination, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: {Command} canceled by the requestor after {Done} of {Count}")]
    public static partial void Canceled(ILogger logger, string association, string command, int done, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: {Command} done: {Completed} completed, {Warning} warning, {Failed} failed ({Status})")]
    public static partial void Finished(ILogger logger, string association, string command, int completed, int warning, int failed, DimseStatus status);
}
