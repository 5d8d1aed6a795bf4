using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Logging;

/// <summary>The tools' log messages, with stable event IDs.</summary>
internal static partial class ToolLog
{
    [LoggerMessage(2000, LogLevel.Warning, "Skipped {Path}: {Problem}")]
    public static partial void Skipped(ILogger logger, string path, string problem);

    [LoggerMessage(2001, LogLevel.Information, "Scanned {Count} files in {Seconds} s")]
    public static partial void Scanned(ILogger logger, int count, double seconds);

    [LoggerMessage(2002, LogLevel.Information, "{Association}: association accepted, {Accepted} of {Proposed} presentation contexts")]
    public static partial void AssociationAccepted(ILogger logger, string association, int accepted, int proposed);

    [LoggerMessage(2003, LogLevel.Information, "{Association} << {Command}[pcid={Context}, prior={Priority}, tsuid={TransferSyntax}]")]
    public static partial void Sending(ILogger logger, string association, string command, byte context, int priority, string transferSyntax);


    [LoggerMessage(2005, LogLevel.Error, "{Association} >> {Response}: {Path} was not stored {Comment}")]
    public static partial void StoreFailed(ILogger logger, string association, string response, string path, string comment);

    [LoggerMessage(2006, LogLevel.Error, "{Path}: {Peer} accepted no presentation context for {SopClass} in {TransferSyntax}")]
    public static partial void NoContext(ILogger logger, string path, string peer, string sopClass, string transferSyntax);

    [LoggerMessage(2007, LogLevel.Information, "Stored {Path}")]
    public static partial void Stored(ILogger logger, string path);

    [LoggerMessage(2008, LogLevel.Error, "Could not store {Uid}: {Problem}")]
    public static partial void StoreError(ILogger logger, string uid, string problem);

    [LoggerMessage(2009, LogLevel.Information, "Stored IAN {Path}: study {Study}, {Instances} instances")]
    public static partial void IanStored(ILogger logger, string path, string? study, int instances);

    [LoggerMessage(2010, LogLevel.Information, "Start {Tool} {AETitle} on {Host}:{Port}")]
    public static partial void ScpStarted(ILogger logger, string tool, string aeTitle, string host, int port);

    [LoggerMessage(2011, LogLevel.Information, "Stop {Tool}: waiting up to 10 s for associations in progress")]
    public static partial void ScpStopping(ILogger logger, string tool);

    [LoggerMessage(2013, LogLevel.Error, "{Path}: {Problem}; not sent")]
    public static partial void NotSent(ILogger logger, string path, string problem);

}
