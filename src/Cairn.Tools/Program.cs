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
