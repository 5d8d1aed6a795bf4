using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Query;

/// <summary>What the query services log, one line per query.</summary>
internal static partial class QueryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: C-FIND {Level} answered with {Count} matches")]
    public static partial void Found(ILogger logger, string association, string level, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Association}: C-FIND cancelled by the peer after {Count} matches")]
    public static partial void Cancelled(ILogger logger, string association, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Association}: C-FIND refused: {Reason} (status {Status})")]
    public static partial void Refused(ILogger logger, string association, string reason, string status);
}
