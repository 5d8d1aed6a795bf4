using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Logging;

/// <summary>Log lines as dcm4che's tools print them: <c>21:08:49,123 INFO  - message</c>, on standard output.</summary>
public sealed class ToolLogger : ILogger
{
    private readonly TextWriter _output;
    private readonly LogLevel _minimum;
    private readonly Lock _lock = new();

    public ToolLogger(TextWriter output, LogLevel minimum)
    {
        _output = output;
        _minimum = minimum;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            _ => "FATAL",
        };
        var line = $"{DateTime.Now.ToString("HH:mm:ss,fff", CultureInfo.InvariantCulture)} {level} - {formatter(state, exception)}";
        if (exception is not null && logLevel >= LogLevel.Error)
        {
            line += $": {exception.GetType().Name}: {exception.Message}";
        }

        lock (_lock)
        {
            _output.WriteLine(line);
        }
    }
}
