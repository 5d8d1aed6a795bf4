using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Store;

/// <summary>What the C-STORE SCP logs, one line per event, naming the association as the tools' logs do.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: stored {SopInstanceUid} of study {StudyInstanceUid} ({Size} bytes) as {Path}")]
    public static partial void Stored(ILogger logger, string association, string sopInstanceUid, string studyInstanceUid, long size, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: {SopInstanceUid} is stored already; kept the first (dcmOverwritePolicy {Policy})")]
    public static partial void Duplicate(ILogger logger, string association, string sopInstanceUid, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: {SopInstanceUid} replaced the instance stored before (dcmOverwritePolicy {Policy})")]
    public static partial void Replaced(ILogger logger, string association, string sopInstanceUid, string policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: refused {SopInstanceUid}: {Reason} (status {Status})")]
    public static partial void Refused(ILogger logger, string association, string sopInstanceUid, string reason, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Association}: could not store {SopInstanceUid}: {Reason} (status {Status})")]
    public static partial void Failed(ILogger logger, string association, string sopInstanceUid, string reason, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{SopInstanceUid} is stored, but the export rules could not look at it: {Reason}")]
    public static partial void ObserverFailed(ILogger logger, string sopInstanceUid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: {SopInstanceUid} did not arrive whole; its temporary file is deleted")]
    public static partial void Abandoned(ILogger logger, string association, string sopInstanceUid);
}
