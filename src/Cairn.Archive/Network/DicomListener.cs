using Cairn.Archive.Configuration;
using Cairn.Archive.Operations;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Network.Pdus;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Network;

/// <summary>
/// The archive's DICOM port: one <see cref="DicomServer"/> serving every registered service for the archive's own
/// AEs. Which AEs are called and which callers each accepts is checked against the configuration as it is when an
/// association arrives, so a change takes effect without a restart; address and port are read at start.
/// </summary>
public sealed partial class DicomListener : IAsyncDisposable
{
    private readonly ConfigurationStore _configuration;
    private readonly IReadOnlyList<DicomServiceRegistration> _services;
    private readonly ArchiveMetrics _metrics;
    private readonly ILogger _logger;
    private DicomServer? _server;
    private DicomServer? _tlsServer;

    public DicomListener(ConfigurationStore configuration, IEnumerable<DicomServiceRegistration> services, ArchiveMetrics metrics, ILogger logger)
    {
        _configuration = configuration;
        _services = [.. services];
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The port listened on.</summary>
    public int Port => _server?.Port ?? throw new InvalidOperationException("the DICOM listener has not started");

    /// <summary>The DICOM TLS port listened on, when there is one.</summary>
    public int? TlsPort => _tlsServer?.Port;

    /// <summary>
    /// Starts listening on <paramref name="bindAddress"/>:<paramref name="port"/> (0: any free port), and with
    /// <paramref name="tls"/> also on <paramref name="tlsPort"/> for DICOM TLS, serving the same AEs and services.
    /// </summary>
    public void Start(string bindAddress, int port, int? tlsPort = null, TlsOptions? tls = null)
    {
        var router = new DicomServiceRouter();
        var syntaxes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [DicomUids.Verification] = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian],
        };
        foreach (var service in _services)
        {
            foreach (var command in service.Commands)
            {
                router.Map(command, service.Handler);
            }

            foreach (var (abstractSyntax, transferSyntaxes) in service.AbstractSyntaxes)
            {
                syntaxes[abstractSyntax] = transferSyntaxes;
            }
        }

        var roles = _services.Select(s => s.RoleSelection).OfType<Func<RoleSelection, RoleSelection?>>().ToList();
        var policy = new AcceptancePolicy
        {
            AbstractSyntaxes = syntaxes,
            MaxPduLength = 0x10000,
            PreferRequestorOrder = true,
            Screen = Screen,
            RoleSelection = proposal => roles.Select(r => r(proposal)).FirstOrDefault(r => r is not null),
        };
        _server = new DicomServer(
            new DicomServerOptions { BindAddress = bindAddress, Port = port, Policy = policy, MaxAssociations = 200 },
            router,
            _logger);
        _server.Start();
        if (tlsPort is { } secure && tls is not null)
        {
            _tlsServer = new DicomServer(
                new DicomServerOptions { BindAddress = bindAddress, Port = secure, Policy = policy, MaxAssociations = 200, Tls = tls },
                router,
                _logger);
            _tlsServer.Start();
        }
    }

    /// <summary>Stops accepting; associations get <paramref name="grace"/> to finish and are aborted after it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_server is not null)
        {
            await _server.StopAsync(grace).ConfigureAwait(false);
        }

        if (_tlsServer is not null)
        {
            await _tlsServer.StopAsync(grace).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_tlsServer is not null)
        {
            await _tlsServer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private AssociateRejectPdu? Screen(AssociateRequestPdu request)
    {
        var device = _configuration.Current;
        var ae = device.FindLocalAE(request.CalledAETitle);
        if (ae is null || !ae.AssociationAcceptor)
        {
            _metrics.AssociationRejected();
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.CalledAETitleNotRecognized);
        }

        if (ae.AcceptedCallingAETitles.Count > 0 && !ae.AcceptedCallingAETitles.Contains(request.CallingAETitle, StringComparer.Ordinal))
        {
            _metrics.AssociationRejected();
            LogCallerRefused(request.CallingAETitle, request.CalledAETitle);
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.CallingAETitleNotRecognized);
        }

        _metrics.AssociationAccepted();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Calling} may not call {Called}: not in its dcmAcceptedCallingAETitle")]
    private partial void LogCallerRefused(string calling, string called);
}
