using System.Diagnostics;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// A process a test starts and watches while it runs: every line it writes (standard output and error) is kept, a
/// test can wait for a line, signal or kill it, and the process is killed at the latest when this is disposed.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private readonly Task _output;
    private readonly Task _errors;

    private RunningProcess(Process process)
    {
        _process = process;
        _output = PumpAsync(process.StandardOutput);
        _errors = PumpAsync(process.StandardError);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public static RunningProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        return new RunningProcess(process);
    }

    /// <summary>How many lines so far satisfy <paramref name="predicate"/>.</summary>
    public int Count(Func<string, bool> predicate)
    {
        lock (_lock)
        {
            return _lines.Count(predicate);
        }
    }

    /// <summary>Waits for the first line that satisfies <paramref name="predicate"/>; fails with the output so far.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (_lock)
            {
                if (_lines.FirstOrDefault(predicate) is { } line)
                {
                    return line;
                }
            }

            if (_process.HasExited)
            {
                await Task.WhenAll(_output, _errors);
                lock (_lock)
                {
                    if (_lines.FirstOrDefault(predicate) is { } line)
                    {
                        return line;
                    }
                }

                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before {what}:\n{string.Join('\n', Lines.TakeLast(40))}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no {what} within {timeout.TotalSeconds} s:\n{string.Join('\n', Lines.TakeLast(40))}");
    }

    /// <summary>Waits until <paramref name="count"/> lines satisfy <paramref name="predicate"/> (or the process ends).</summary>
    public async Task WaitForCountAsync(Func<string, bool> predicate, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Count(predicate) < count && !_process.HasExited)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"fewer than {count} matching lines within {timeout.TotalSeconds} s:\n{string.Join('\n', Lines.TakeLast(40))}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>kill -9: the process gets no chance to clean up.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Sends SIGTERM, as a service manager stopping it would.</summary>
    public async Task TerminateAsync()
    {
        var kill = await Cairn.Tools.Tests.Support.ProcessRunner.RunAsync("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed: {kill}");
        }
    }

    /// <summary>Waits for the process to end and for its output to be read; returns its exit code, or null on timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        await Task.WhenAll(_output, _errors);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_output, _errors);
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_lock)
            {
                _lines.Add(line);
            }
        }
    }
}
