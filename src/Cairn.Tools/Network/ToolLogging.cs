using Cairn.Tools.CommandLine;
using Cairn.Tools.Logging;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Network;

/// <summary>INFO by default, DEBUG with -v, warnings only with -q.</summary>
public static class ToolLogging
{
    public static ILogger Create(ParsedArguments args, TextWriter output) =>
        new ToolLogger(output, args.Has("verbose") ? LogLevel.Debug : args.Has("quiet") ? LogLevel.Warning : LogLevel.Information);
}
