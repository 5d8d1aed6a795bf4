using System.Globalization;
using Cairn.Archive.Index;

namespace Cairn.Server;

/// <summary>
/// How this archive process runs: where its data is, which database holds the index, and what overrides the stored
/// configuration's addresses and ports. Each option has an environment variable; the command line wins.
/// </summary>
public sealed record ArchiveOptions
{
    public string DataDirectory { get; init; } = "data";

    public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (for SQLite the index is <c>index.sqlite</c> in the data folder).</summary>
    public string? DatabaseUrl { get; init; }

    /// <summary>The JSON file the configuration is seeded from on first start (the built-in default when null).</summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>The JSON file with the users and/or OpenID Connect provider that close the REST API and UI; null: open.</summary>
    public string? SecurityFile { get; init; }

    public string? BindAddress { get; init; }

    public int? DicomPort { get; init; }

    public int? HttpPort { get; init; }

    /// <summary>A port for HTTPS beside HTTP (REST and UI), with <see cref="CertificateFile"/>; null: no HTTPS.</summary>
    public int? HttpsPort { get; init; }

    /// <summary>A port for DICOM TLS beside the plain DICOM port, with <see cref="CertificateFile"/>; null: none.</summary>
    public int? DicomTlsPort { get; init; }

    /// <summary>PEM file of the certificates (or CAs) trusted in DICOM TLS peers; null: the system's CAs.</summary>
    public string? TlsTrustFile { get; init; }

    /// <summary>The server certificate for HTTPS and DICOM TLS: PKCS#12 (.pfx, .p12) or PEM with the key.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The PKCS#12 file's password, from CAIRN_CERTIFICATE_PASSWORD only (not in the process list).</summary>
    public string? CertificatePassword { get; init; }

    public string LogLevel { get; init; } = "info";

    /// <summary>text: one line per event as the tools write them; json: one JSON object per event, with its scopes (the association).</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>How long associations get to finish when the archive stops.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    public const string Usage = """
        cairn-archive: the Cairn DICOM archive (C-STORE, C-FIND, C-MOVE, C-GET; REST and web UI)

        usage: ./run.sh [options]

          --data DIR           data folder: index.sqlite and storage/ (CAIRN_DATA, default ./data)
          --db sqlite|postgresql
                               the index database (CAIRN_DB, default sqlite)
          --db-url CONNSTRING  PostgreSQL connection string, e.g. "Host=localhost;Database=cairn;Username=cairn;Password=..."
                               (CAIRN_DB_URL)
          --config FILE        JSON configuration to seed the index with on first start (CAIRN_CONFIG);
                               later changes go through REST: GET/PUT /dcm4chee-arc/devices/{name}
          --security FILE      users (password hashes) and/or OpenID Connect provider that close REST and UI
                               (CAIRN_SECURITY; without it both are open to anyone who reaches the port)
          --bind ADDRESS       address to listen on for DICOM and HTTP (CAIRN_BIND), overriding dicomHostname
          --dicom-port N       DICOM port (CAIRN_DICOM_PORT), overriding the 'dicom' connection's dicomPort; 0 picks a free one
          --http-port N        HTTP port for REST and the web UI (CAIRN_HTTP_PORT), overriding the 'http' connection; 0 picks one
          --https-port N       HTTPS port for REST and the web UI beside HTTP (CAIRN_HTTPS_PORT); needs --certificate
          --dicom-tls-port N   DICOM TLS port beside the plain one, same AEs (CAIRN_DICOM_TLS_PORT); needs --certificate
          --tls-trust FILE     PEM certificates trusted in DICOM TLS peers (CAIRN_TLS_TRUST; default: the system's CAs);
                               remote AEs with dicomTLSCipherSuite are called over TLS
          --certificate FILE   server certificate with its key: .pfx/.p12 (password in CAIRN_CERTIFICATE_PASSWORD) or PEM
                               (CAIRN_CERTIFICATE)
          --log-level LEVEL    debug, info, warning or error (CAIRN_LOG_LEVEL, default info)
          --log-format FORMAT  text, or json for one JSON object per line with the association as a scope
                               (CAIRN_LOG_FORMAT, default text)
          -h, --help           this text

        cairn-archive hash-password    reads a password on standard input and prints its hash for the security file
        """;

    /// <summary>Options from <paramref name="args"/> over <paramref name="environment"/>; a bad value is an <see cref="ArgumentException"/> naming it.</summary>
    public static ArchiveOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, variable) in Variables)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                values[option] = value;
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!Variables.ContainsKey(name))
            {
                throw new ArgumentException($"unknown option '{arg}' (see --help)");
            }

            if (equals > 0)
            {
                values[name] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{name} needs a value");
            }
        }

        var options = new ArchiveOptions();
        if (values.TryGetValue("--data", out var data))
        {
            options = options with { DataDirectory = data };
        }

        if (values.TryGetValue("--db", out var db))
        {
            options = options with
            {
                Database = db.ToUpperInvariant() switch
                {
                    "SQLITE" => DatabaseProvider.Sqlite,
                    "POSTGRESQL" or "POSTGRES" => DatabaseProvider.PostgreSql,
                    _ => throw new ArgumentException($"--db: '{db}' is neither sqlite nor postgresql"),
                },
            };
        }

        if (values.TryGetValue("--db-url", out var url))
        {
            options = options with { DatabaseUrl = url };
        }

        if (options.Database == DatabaseProvider.PostgreSql && options.DatabaseUrl is null)
        {
            throw new ArgumentException("--db postgresql needs --db-url (or CAIRN_DB_URL) with the connection string");
        }

        if (values.TryGetValue("--config", out var config))
        {
            options = options with { ConfigurationFile = config };
        }

        if (values.TryGetValue("--security", out var security))
        {
            options = options with { SecurityFile = security };
        }

        if (values.TryGetValue("--bind", out var bind))
        {
            if (!System.Net.IPAddress.TryParse(bind, out _))
            {
                throw new ArgumentException($"--bind: '{bind}' is not an IP address");
            }

            options = options with { BindAddress = bind };
        }

        if (values.TryGetValue("--dicom-port", out var dicomPort))
        {
            options = options with { DicomPort = Port("--dicom-port", dicomPort) };
        }

        if (values.TryGetValue("--http-port", out var httpPort))
        {
            options = options with { HttpPort = Port("--http-port", httpPort) };
        }

        if (values.TryGetValue("--https-port", out var httpsPort))
        {
            options = options with { HttpsPort = Port("--https-port", httpsPort) };
        }

        if (values.TryGetValue("--certificate", out var certificate))
        {
            options = options with { CertificateFile = certificate, CertificatePassword = environment("CAIRN_CERTIFICATE_PASSWORD") };
        }

        if (values.TryGetValue("--dicom-tls-port", out var dicomTlsPort))
        {
            options = options with { DicomTlsPort = Port("--dicom-tls-port", dicomTlsPort) };
        }

        if (values.TryGetValue("--tls-trust", out var trust))
        {
            options = options with { TlsTrustFile = trust };
        }

        if (options.DicomTlsPort is not null && options.CertificateFile is null)
        {
            throw new ArgumentException("--dicom-tls-port needs --certificate (or CAIRN_CERTIFICATE) with the server certificate");
        }

        if (options.HttpsPort is not null && options.CertificateFile is null)
        {
            throw new ArgumentException("--https-port needs --certificate (or CAIRN_CERTIFICATE) with the server certificate");
        }

        if (values.TryGetValue("--log-level", out var level))
        {
            if (level is not ("debug" or "info" or "warning" or "error"))
            {
                throw new ArgumentException($"--log-level: '{level}' is not one of debug, info, warning, error");
            }

            options = options with { LogLevel = level };
        }

        if (values.TryGetValue("--log-format", out var format))
        {
            if (format is not ("text" or "json"))
            {
                throw new ArgumentException($"--log-format: '{format}' is neither text nor json");
            }

            options = options with { LogFormat = format };
        }

        return options;
    }

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["--data"] = "CAIRN_DATA",
        ["--db"] = "CAIRN_DB",
        ["--db-url"] = "CAIRN_DB_URL",
        ["--config"] = "CAIRN_CONFIG",
        ["--security"] = "CAIRN_SECURITY",
        ["--bind"] = "CAIRN_BIND",
        ["--dicom-port"] = "CAIRN_DICOM_PORT",
        ["--http-port"] = "CAIRN_HTTP_PORT",
        ["--https-port"] = "CAIRN_HTTPS_PORT",
        ["--certificate"] = "CAIRN_CERTIFICATE",
        ["--dicom-tls-port"] = "CAIRN_DICOM_TLS_PORT",
        ["--tls-trust"] = "CAIRN_TLS_TRUST",
        ["--log-level"] = "CAIRN_LOG_LEVEL",
        ["--log-format"] = "CAIRN_LOG_FORMAT",
    };

    private static int Port(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"{option}: '{text}' is not a port (0-65535)");
}
