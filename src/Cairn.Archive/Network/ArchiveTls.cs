using System.Security.Cryptography.X509Certificates;
using Cairn.Archive.Configuration;
using Cairn.Dicom.Network;

namespace Cairn.Archive.Network;

/// <summary>
/// DICOM TLS for the archive (PS3.15 B.1): its certificate for the TLS listener (and as the client certificate it
/// offers), and the certificates it trusts in peers — a PEM bundle, or the system's CAs when none is given. A remote
/// AE that names TLS cipher suites (dcm4che's <c>dicomTLSCipherSuite</c>) is called over TLS, its host name checked.
/// </summary>
public sealed class ArchiveTls(X509Certificate2? certificate, X509Certificate2Collection trusted)
{
    /// <summary>No certificate, the system's CAs: TLS peers can still be called if their certificate chains to one.</summary>
    public static ArchiveTls None => new(null, []);

    /// <summary>What the TLS listener presents; null when the archive has no certificate.</summary>
    public TlsOptions? Server => certificate is null ? null : new TlsOptions { Certificate = certificate, TrustedCertificates = trusted };

    /// <summary>How to call <paramref name="remote"/>: null for plain TCP, TLS options when it names cipher suites.</summary>
    public TlsOptions? For(RemoteAE remote) =>
        remote.IsTls ? new TlsOptions { Certificate = certificate, TrustedCertificates = trusted, TargetHost = remote.Hostname } : null;
}
