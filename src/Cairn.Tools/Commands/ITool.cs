namespace Cairn.Tools.Commands;

/// <summary>A command-line tool: runs with its arguments and the process's standard streams, returns the exit status.</summary>
public interface ITool
{
    string Name { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken);
}
