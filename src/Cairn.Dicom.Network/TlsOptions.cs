using System.Security.Cryptography.X509Certificates;

namespace Cairn.Dicom.Network;

/// <summary>DICOM TLS (PS3.15 B.1): this side's certificate and which peers to trust.</summary>
public sealed record TlsOptions
{
    /// <summary>This side's certificate with its private key (required for an SCP, optional for an SCU).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Certificates (or CAs) that peers must chain to; empty trusts the system's store.</summary>
    public X509Certificate2Collection TrustedCertificates { get; init; } = [];

    /// <summary>An SCP asks the SCU for a certificate and refuses one it cannot verify.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>The name the SCU expects in the SCP's certificate; null skips the name check.</summary>
    public string? TargetHost { get; init; }
}
