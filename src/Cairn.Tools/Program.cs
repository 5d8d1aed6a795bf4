using Cairn.Tools.Commands;
using Cairn.Tools.CommandLine;

// One executable, many tools: bin/NAME runs "cairn NAME ARGS...".
ITool[] tools = [new DcmDumpTool(), new Dcm2JsonTool(), new EchoScuTool(), new StoreScuTool(), new StoreScpTool(), new IanScpTool(), new IanScuTool()];

if (args.Length == 0 || tools.All(t => t.Name != args[0]))
{
    Console.Error.WriteLine($"usage: cairn TOOL [options]; TOOL is one of: {string.Join(", ", tools.Select(t => t.Name))}");
    return 2;
}

var tool = tools.First(t => t.Name == args[0]);

// The runtime reads this variable once, when the first socket is made: an SCU's socket continuations then run on the
// socket engine's thread, one thread hand-over less per message (7-10% of storescu's wall time, bench/README.md).
// A value set by the user is left as it is.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (tool.RunsSocketCompletionsInline && Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

// DICOM text is Unicode; whatever the locale, the tools write UTF-8.
Console.OutputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await tool.RunAsync(args[1..], Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"{tool.Name}: cancelled");
    return 130;
}
