namespace Cairn.Tools.Commands;

/// <summary>A command-line tool: runs with its arguments and the process's standard streams, returns the exit status.</summary>
public interface ITool
{
    string Name { get; }

    /// <summary>
    /// True for a tool with one association and nothing else to do while it waits for its peer (the SCUs): its socket
    /// completions may then run on the thread that saw them, not be handed to the thread pool first. A server keeps
    /// the hand-over, so that one association's work never holds up the others' I/O.
    /// </summary>
    bool RunsSocketCompletionsInline => false;

    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken);
}
