using Microsoft.Extensions.Logging;

namespace Cairn.Dicom.Network;

/// <summary>The network layer's log messages, with stable event IDs.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(1000, LogLevel.Information, "Listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(1001, LogLevel.Information, "{Association}: accepted association from {Host}: {Request}")]
    public static partial void Accepted(ILogger logger, string association, string host, string request);

    [LoggerMessage(1002, LogLevel.Warning, "{Association}: rejected association from {Host}: {Reason}")]
    public static partial void Rejected(ILogger logger, string association, string host, string reason);

    [LoggerMessage(1003, LogLevel.Information, "{Association}: released")]
    public static partial void Released(ILogger logger, string association);

    [LoggerMessage(1004, LogLevel.Warning, "{Association}: {Problem}")]
    public static partial void Aborted(ILogger logger, string association, string problem);

    [LoggerMessage(1005, LogLevel.Information, "{Association} {Direction} {Message}")]
    public static partial void Message(ILogger logger, string association, string direction, string message);

    [LoggerMessage(1007, LogLevel.Warning, "Connection from {Host} dropped: {Problem}")]
    public static partial void ConnectionDropped(ILogger logger, string host, string problem);

    [LoggerMessage(1008, LogLevel.Error, "{Association}: the handler failed on {Message}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string association, string message);

    [LoggerMessage(1009, LogLevel.Debug, "{Association} {Direction}\n{Dump}")]
    public static partial void Dump(ILogger logger, string association, string direction, string dump);
}
