using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network;

/// <summary>Where an SCP listens, what it accepts, and how long it waits.</summary>
public sealed record DicomServerOptions
{
    /// <summary>The address to listen on; 0.0.0.0 for all.</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>The port; 0 picks a free one (see <see cref="DicomServer.Port"/>).</summary>
    public int Port { get; init; } = 11112;

    public required AcceptancePolicy Policy { get; init; }

    public TlsOptions? Tls { get; init; }

    /// <summary>ARTIM: how long a new connection may take to send its A-ASSOCIATE-RQ (and the TLS handshake).</summary>
    public TimeSpan AssociationRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an established association may stay silent before it is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Associations served at once; more are rejected (transient, local limit exceeded).</summary>
    public int MaxAssociations { get; init; } = 100;
}
