using System.Text;

namespace Cairn.Tools.Tests.Support;

/// <summary>What a finished (or killed) process left: its exit status, its standard output as bytes, its standard error.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Output, string Errors, bool TimedOut)
{
    /// <summary>Standard output as UTF-8; invalid sequences become U+FFFD (check <see cref="Output"/> to be strict).</summary>
    public string OutputText => Encoding.UTF8.GetString(Output);

    /// <summary>The lines of standard error, without the final line break.</summary>
    public string[] ErrorLines => Errors.Length == 0 ? [] : Errors.TrimEnd('\n').Split('\n');

    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (killed after the timeout)" : "")}; stderr: {Errors.Trim()}";
}
