using System.Net.Http.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Network;
using Cairn.Server;
using Cairn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// A whole archive in the test process: index on the given backend, storage in a temporary folder, DICOM and HTTP
/// on free loopback ports. Its log lines are kept (<see cref="Log"/>) for tests that check what was logged.
/// </summary>
public sealed class TestArchive : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TemporaryDirectory? _ownedData;

    private TestArchive(WebApplication app, ArchiveOptions options, TemporaryDirectory? ownedData, CapturedLog log)
    {
        _app = app;
        Options = options;
        _ownedData = ownedData;
        Log = log;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Http = new HttpClient { BaseAddress = new Uri(addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal))), Timeout = TimeSpan.FromSeconds(60) };
        HttpsAddress = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.Ordinal)) is { } https ? new Uri(https) : null;
        DicomPort = app.Services.GetRequiredService<DicomListener>().Port;
        DicomTlsPort = app.Services.GetRequiredService<DicomListener>().TlsPort;
    }

    public ArchiveOptions Options { get; }

    public string DataDirectory => Options.DataDirectory;

    public string StorageRoot => Path.Combine(DataDirectory, "storage");

    public HttpClient Http { get; }

    /// <summary>The HTTPS address, when the options gave the archive a certificate and an HTTPS port.</summary>
    public Uri? HttpsAddress { get; }

    public int DicomPort { get; }

    /// <summary>The DICOM TLS port, when the options gave the archive one.</summary>
    public int? DicomTlsPort { get; }

    public const string AETitle = "DCM4CHEE";

    public CapturedLog Log { get; }

    public IServiceProvider Services => _app.Services;

    public ConfigurationStore Configuration => Services.GetRequiredService<ConfigurationStore>();

    /// <summary>Starts an archive with a new, empty index on <paramref name="backend"/>.</summary>
    public static async Task<TestArchive> StartAsync(IndexBackend backend, Func<ArchiveDevice, ArchiveDevice>? configure = null, Action<IServiceCollection>? services = null, Func<ArchiveOptions, ArchiveOptions>? options = null)
    {
        var data = new TemporaryDirectory();
        var indexOptions = await backend.NewIndexAsync(data.Path);
        return await StartAsync(options?.Invoke(indexOptions) ?? indexOptions, data, configure, services);
    }

    /// <summary>Starts an archive on an existing data folder and index (a restart, or a second node on one database).</summary>
    public static Task<TestArchive> RestartAsync(ArchiveOptions options, Action<IServiceCollection>? services = null) => StartAsync(options, null, null, services);

    private static async Task<TestArchive> StartAsync(ArchiveOptions options, TemporaryDirectory? ownedData, Func<ArchiveDevice, ArchiveDevice>? configure, Action<IServiceCollection>? services)
    {
        options = options with { BindAddress = "127.0.0.1", DicomPort = 0, HttpPort = 0, HttpsPort = options.HttpsPort is null ? null : 0, DicomTlsPort = options.DicomTlsPort is null ? null : 0, StopGrace = TimeSpan.FromSeconds(5) };
        var log = new CapturedLog();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(log));
        var runtime = await ArchiveRuntime.OpenAsync(options, loggers, CancellationToken.None);
        if (configure is not null)
        {
            await runtime.Configuration.UpdateAsync(configure, CancellationToken.None);
        }

        var app = ArchiveApplication.Build(
            options,
            runtime,
            logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(log);
            },
            services);
        await app.StartAsync();
        return new TestArchive(app, options, ownedData, log);
    }

    /// <summary>The device configuration as REST answers it.</summary>
    public async Task<T?> GetJsonAsync<T>(string path) => await Http.GetFromJsonAsync<T>(path);

    /// <summary>Stops the archive but keeps its data, for a restart.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await _app.StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        await _app.DisposeAsync();
        _ownedData?.Dispose();
    }
}
