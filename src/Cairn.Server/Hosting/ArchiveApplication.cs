using System.Net;
using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Ian;
using Cairn.Archive.Network;
using Cairn.Archive.Operations;
using Cairn.Archive.Query;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Store;
using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Server.Endpoints;
using Cairn.Server.Security;
using Cairn.Server.Tasks;
using Cairn.Server.Ui;
using Microsoft.Extensions.Logging.Console;

namespace Cairn.Server.Hosting;

/// <summary>
/// Puts the archive together: the runtime (index, configuration, storage), the DICOM services behind one listener,
/// and the HTTP endpoints, in one host that stops gracefully on Ctrl-C or SIGTERM.
/// </summary>
public static class ArchiveApplication
{
    /// <summary>Builds the archive; the runtime must be open, and is disposed with the application.</summary>
    public static WebApplication Build(ArchiveOptions options, ArchiveRuntime runtime, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? extraServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        ConfigureLogging(builder.Logging, options);
        logging?.Invoke(builder.Logging);

        var addresses = ListenAddresses.From(runtime.Configuration.Current, options);
        var certificate = options.CertificateFile is { } certificateFile ? ServerCertificate.Load(certificateFile, options.CertificatePassword) : null;
        var tls = new ArchiveTls(certificate, options.TlsTrustFile is { } trustFile ? ServerCertificate.Trusted(trustFile) : []);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(addresses.HttpAddress), addresses.HttpPort);
            if (options.HttpsPort is { } httpsPort && certificate is not null)
            {
                kestrel.Listen(IPAddress.Parse(addresses.HttpAddress), httpsPort, listen => listen.UseHttps(certificate));
            }
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = options.StopGrace + TimeSpan.FromSeconds(5));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));

        var services = builder.Services;
        services.AddArchiveSecurity(options.SecurityFile is null ? SecuritySettings.Open : SecuritySettings.Load(options.SecurityFile));
        services.AddSingleton(options);
        services.AddSingleton(tls);
        services.AddSingleton(addresses);
        services.AddSingleton(runtime);
        services.AddSingleton(runtime.Database);
        services.AddSingleton(runtime.Configuration);
        services.AddSingleton<ConfigurationEditor>();
        services.AddSingleton<Cairn.Archive.Audit.AuditStore>();
        services.AddSingleton(runtime.Storage);
        services.AddSingleton(runtime.Writer);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ArchiveMetrics>();
        services.AddSingleton<StoreScp>();
        services.AddSingleton(sp => StorageRegistration(sp.GetRequiredService<StoreScp>()));
        services.AddSingleton(sp => new QueryEngine(sp.GetRequiredService<Cairn.Archive.Index.IndexDatabase>()));
        services.AddSingleton<FindScp>();
        services.AddSingleton(sp => FindRegistration(sp.GetRequiredService<FindScp>()));
        services.AddSingleton<InstanceLocator>();
        services.AddSingleton<InstanceSender>();
        services.AddSingleton<MoveScp>();
        services.AddSingleton<GetScp>();
        services.AddSingleton<WadoServices>();
        services.AddSingleton(sp => RetrieveRegistrations.Move(sp.GetRequiredService<MoveScp>()));
        services.AddSingleton(sp => RetrieveRegistrations.Get(sp.GetRequiredService<GetScp>()));
        services.AddSingleton(sp => new DicomListener(
            sp.GetRequiredService<ConfigurationStore>(),
            sp.GetServices<DicomServiceRegistration>(),
            sp.GetRequiredService<ArchiveMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Cairn.Dicom")));
        services.AddHostedService<DicomListenerService>();
        services.AddSingleton<TaskSignals>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskService>();
        services.AddHostedService<TaskWorkersService>();
        services.AddSingleton<ExportScheduler>();
        services.AddSingleton<IStoredInstanceObserver>(sp => sp.GetRequiredService<ExportScheduler>());
        services.AddSingleton<ITaskProcessor, ExportProcessor>();
        services.AddSingleton<IanSender>();
        services.AddSingleton<ITaskProcessor, IanProcessor>();
        services.AddSingleton<ExportDryRun>();
        services.AddSingleton<ExportSender>();
        services.AddSingleton<MatchFinder>();
        services.AddSingleton<ExportRequests>();
        services.AddSingleton<SeriesSenders>();
        // Named explicitly: when a test hosts the archive, the entry assembly is the test runner, not this one.
        services.AddRazorPages().AddApplicationPart(typeof(ArchiveApplication).Assembly);

        extraServices?.Invoke(services);
        var app = builder.Build();
        // The UI's pages show an error in words (never a stack trace); the REST API keeps its own JSON errors.
        app.UseWhen(http => !AccessRules.IsApi(http.Request.Path), ui =>
        {
            ui.UseExceptionHandler("/error");
            ui.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        // Routing after the error handlers, so that their re-executed requests find the error page.
        app.UseRouting();
        var secured = app.Services.GetRequiredService<SecuritySettings>().Enabled;
        if (secured)
        {
            app.UseAuthentication();
        }

        // Before access control, so that refused attempts are recorded too.
        app.UseMiddleware<AuditMiddleware>();
        if (secured)
        {
            app.UseMiddleware<AccessControlMiddleware>();
        }
        app.MapUiAssets();
        app.MapRazorPages();
        app.MapAuditEndpoints();
        app.MapOperationsEndpoints();
        app.MapConfigurationEndpoints();
        app.MapQueueEndpoints();
        app.MapExportEndpoints();
        app.MapRestEndpoints();
        app.MapQidoEndpoints();
        app.MapWadoEndpoints();
        app.Lifetime.ApplicationStopped.Register(() => runtime.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }

    /// <summary>The archive's logging: one line per event, as the tools write them.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, ArchiveOptions options)
    {
        logging.ClearProviders();
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
            });
        }
        else
        {
            logging.AddConsole(console => console.FormatterName = ArchiveConsoleFormatter.FormatterName);
            logging.AddConsoleFormatter<ArchiveConsoleFormatter, ConsoleFormatterOptions>();
        }
        logging.SetMinimumLevel(options.LogLevel switch
        {
            "debug" => LogLevel.Debug,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        });
        // ASP.NET's per-request lines would drown the DICOM ones; its warnings and errors still show.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
    }

    private static DicomServiceRegistration FindRegistration(FindScp find) =>
        new([CommandField.CFindRequest], find, FindScp.SopClasses.ToDictionary(uid => uid, _ => (IReadOnlyList<string>)[DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian], StringComparer.Ordinal));

    private static DicomServiceRegistration StorageRegistration(StoreScp store)
    {
        var syntaxes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var sop in DicomStorageSopClasses.All)
        {
            syntaxes[sop.Uid] = AcceptancePolicy.StorageTransferSyntaxes;
        }

        return new DicomServiceRegistration([CommandField.CStoreRequest], store, syntaxes);
    }
}
