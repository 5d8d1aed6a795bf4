using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Cairn.Dicom.Network;
using Cairn.Tools.CommandLine;

namespace Cairn.Tools.Network;

/// <summary>The options every network tool shares, with dcm4che's names where dcm4che has them.</summary>
public static class NetworkOptionSpecs
{
    public static IReadOnlyList<OptionSpec> Common { get; } =
    [
        new(["--max-pdulen"], "length", "largest P-DATA-TF PDU this side receives (default 16378; 0 = no limit)"),
        new(["--connect-timeout"], "ms", "how long to wait for a TCP connection (default 30000)"),
        new(["--accept-timeout"], "ms", "how long to wait for the peer to accept or reject the association (default 30000)"),
        new(["--idle-timeout"], "ms", "SCP: abort an association silent for this long (default 300000)"),
        new(["--tls"], null, "use DICOM TLS (TLS 1.2/1.3); with --tls-cert/--tls-key for this side's certificate"),
        new(["--tls-cert"], "pem-file", "this side's certificate (PEM); an SCP needs one"),
        new(["--tls-key"], "pem-file", "the private key of --tls-cert (PEM)"),
        new(["--tls-trust"], "pem-file", "trust peers whose certificate is, or chains to, one in this PEM file\n(default: the system's trusted CAs)"),
        new(["--tls-need-client-auth"], null, "SCP: require the SCU to present a trusted certificate"),
        new(["-v", "--verbose"], null, "log each DIMSE message with its command and data set (DEBUG)"),
        new(["-q", "--quiet"], null, "log warnings and errors only"),
    ];

    public static uint MaxPduLength(ParsedArguments args) => UInt(args, "max-pdulen", 16378);

    public static TimeSpan Milliseconds(ParsedArguments args, string key, int defaultValue) => TimeSpan.FromMilliseconds(UInt(args, key, (uint)defaultValue));

    public static TlsOptions? Tls(ParsedArguments args, string tool, bool isServer)
    {
        if (!args.Has("tls"))
        {
            return args.Has("tls-cert") || args.Has("tls-trust") ? throw new UsageException($"{tool}: --tls-cert and --tls-trust need --tls") : null;
        }

        X509Certificate2? certificate = null;
        if (args.Value("tls-cert") is { } certificatePath)
        {
            var keyPath = args.Value("tls-key") ?? throw new UsageException($"{tool}: --tls-cert needs --tls-key");
            certificate = Load(tool, () => X509Certificate2.CreateFromPemFile(certificatePath, keyPath), certificatePath);
        }
        else if (isServer)
        {
            throw new UsageException($"{tool}: an SCP with --tls needs --tls-cert and --tls-key");
        }

        var trusted = new X509Certificate2Collection();
        if (args.Value("tls-trust") is { } trustPath)
        {
            Load(tool, () => { trusted.ImportFromPemFile(trustPath); return trusted; }, trustPath);
        }

        return new TlsOptions
        {
            Certificate = certificate,
            TrustedCertificates = trusted,
            RequireClientCertificate = args.Has("tls-need-client-auth"),
        };
    }

    private static T Load<T>(string tool, Func<T> load, string path)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{tool}: cannot read {path}: {e.Message}");
        }
    }

    private static uint UInt(ParsedArguments args, string key, uint defaultValue)
    {
        if (args.Value(key) is not { } text)
        {
            return defaultValue;
        }

        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{key} {text}: not a whole number");
    }
}
