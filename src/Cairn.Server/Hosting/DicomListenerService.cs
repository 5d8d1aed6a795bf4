using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Network;
using Cairn.Archive.Storage;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs the DICOM listener with the host: starts after the runtime is open, and on Ctrl-C or SIGTERM stops taking
/// associations and gives the open ones the grace period to finish before they are aborted.
/// </summary>
public sealed partial class DicomListenerService : IHostedService
{
    private readonly DicomListener _listener;
    private readonly ListenAddresses _addresses;
    private readonly ArchiveOptions _options;
    private readonly ConfigurationStore _configuration;
    private readonly IndexDatabase _database;
    private readonly FileStorage _storage;
    private readonly ArchiveTls _tls;
    private readonly ILogger _logger;

    public DicomListenerService(
        DicomListener listener,
        ListenAddresses addresses,
        ArchiveOptions options,
        ConfigurationStore configuration,
        IndexDatabase database,
        FileStorage storage,
        ArchiveTls tls,
        ILogger<DicomListenerService> logger)
    {
        _tls = tls;
        _listener = listener;
        _addresses = addresses;
        _options = options;
        _configuration = configuration;
        _database = database;
        _storage = storage;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start(_addresses.DicomAddress, _addresses.DicomPort, _options.DicomTlsPort, _tls.Server);
        if (_listener.TlsPort is { } tlsPort)
        {
            LogTls(_addresses.DicomAddress, tlsPort);
        }

        var device = _configuration.Current;
        var titles = string.Join(", ", device.ApplicationEntities.Select(a => a.AETitle));
        var index = _database.Provider == DatabaseProvider.Sqlite ? $"SQLite {Path.GetFullPath(Path.Combine(_options.DataDirectory, "index.sqlite"))}" : "PostgreSQL";
        LogStarted(
            device.DeviceName,
            titles,
            _addresses.DicomAddress,
            _listener.Port,
            _addresses.HttpAddress,
            _addresses.HttpPort,
            index,
            _storage.Root);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(_options.StopGrace.TotalSeconds);
        await _listener.StopAsync(_options.StopGrace).ConfigureAwait(false);
        LogStopped();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DICOM TLS on {Address}:{Port}")]
    private partial void LogTls(string address, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive {Device} started: AE {AETitles} on DICOM {DicomAddress}:{DicomPort}, REST on http://{HttpAddress}:{HttpPort}, index {Index}, storage {Storage}")]
    private partial void LogStarted(string device, string aeTitles, string dicomAddress, int dicomPort, string httpAddress, int httpPort, string index, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new associations; open ones get {Seconds} s to finish")]
    private partial void LogStopping(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    private partial void LogStopped();
}
