using System.Diagnostics;
using System.Globalization;

namespace Cairn.Tools.Commands;

/// <summary>A progress line on a terminal for long runs; nothing when standard error is redirected.</summary>
public sealed class SendProgress(TextWriter errors, int total)
{
    private readonly bool _enabled = total >= 20 && !Console.IsErrorRedirected;
    private long _lastTicks;

    public void Report(int done, long bytes)
    {
        if (_enabled && (Stopwatch.GetTimestamp() - _lastTicks > Stopwatch.Frequency / 4 || done == total))
        {
            _lastTicks = Stopwatch.GetTimestamp();
            errors.Write(string.Create(CultureInfo.InvariantCulture, $"\r{done}/{total} objects, {bytes / 1048576.0:0.0} MB"));
        }
    }

    public void Done()
    {
        if (_enabled)
        {
            errors.WriteLine();
        }
    }
}
