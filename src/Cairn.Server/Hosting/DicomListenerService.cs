using Cairn.Archive.Network;

namespace Cairn.Server.Hosting;

/// <summary>Runs the DICOM listener with the host: starts after the runtime is open, stops first, with a grace period.</summary>
public sealed class DicomListenerService : IHostedService
{
    private readonly DicomListener _listener;
    private readonly ListenAddresses _addresses;
    private readonly ArchiveOptions _options;

    public DicomListenerService(DicomListener listener, ListenAddresses addresses, ArchiveOptions options)
    {
        _listener = listener;
        _addresses = addresses;
        _options = options;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start(_addresses.DicomAddress, _addresses.DicomPort);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(_options.StopGrace);
}
