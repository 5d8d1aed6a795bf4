using System.Globalization;

namespace Cairn.Tools.Network;

/// <summary>An AE title with where it listens, as dcm4che's tools write it: AET@host:port.</summary>
public sealed record AeAddress(string AETitle, string Host, int Port)
{
    /// <summary>Parses "-c AET@host:port".</summary>
    public static AeAddress ParseConnect(string text, string option)
    {
        var at = text.LastIndexOf('@');
        var colon = text.LastIndexOf(':');
        if (at <= 0 || colon < at + 2 || !TryPort(text[(colon + 1)..], out var port))
        {
            throw new CommandLine.UsageException($"{option} {text}: expected AET@host:port, e.g. DCM4CHEE@localhost:11112");
        }

        return new AeAddress(CheckTitle(text[..at], option), text[(at + 1)..colon], port);
    }

    /// <summary>Parses "-b [AET[@ip]:]port" (an SCP's own address); the AE title defaults to <paramref name="defaultTitle"/>.</summary>
    public static AeAddress ParseBind(string text, string option, string defaultTitle)
    {
        var colon = text.LastIndexOf(':');
        var portText = colon >= 0 ? text[(colon + 1)..] : text;
        if (!TryPort(portText, out var port))
        {
            throw new CommandLine.UsageException($"{option} {text}: expected [AET[@ip]:]port, e.g. STORESCP:11115");
        }

        var title = defaultTitle;
        var host = "0.0.0.0";
        if (colon > 0)
        {
            var head = text[..colon];
            var at = head.IndexOf('@', StringComparison.Ordinal);
            title = at < 0 ? head : head[..at];
            if (at >= 0)
            {
                host = head[(at + 1)..];
            }
        }

        return new AeAddress(CheckTitle(title, option), host, port);
    }

    /// <summary>Checks a calling AE title given on its own (-b AET for an SCU).</summary>
    public static string CheckTitle(string title, string option) =>
        title.Length is >= 1 and <= 16 && title.All(c => c is >= ' ' and <= '~' and not '\\') && title.Trim().Length > 0
            ? title
            : throw new CommandLine.UsageException($"{option}: '{title}' is not an AE title (1 to 16 characters, no backslash)");

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;

    public override string ToString() => $"{AETitle}@{Host}:{Port}";
}
