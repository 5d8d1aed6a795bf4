using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Cairn.Dicom.Network.Transport;

/// <summary>Wraps a connection in TLS 1.2/1.3 for either side, with trust decided by <see cref="TlsOptions"/>.</summary>
internal static class TlsStreams
{
    public static async Task<Stream> AsClientAsync(Stream inner, TlsOptions options, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, chain, errors) => Verify(options, certificate, errors, checkName: options.TargetHost is not null));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = options.TargetHost ?? host,
            ClientCertificates = options.Certificate is null ? null : [options.Certificate],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        }, cancellationToken).ConfigureAwait(false);
        return ssl;
    }

    public static async Task<Stream> AsServerAsync(Stream inner, TlsOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
            certificate is null ? !options.RequireClientCertificate : Verify(options, certificate, errors, checkName: false));
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = options.Certificate ?? throw new InvalidOperationException("a TLS SCP needs a certificate with its private key"),
            ClientCertificateRequired = options.RequireClientCertificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        }, cancellationToken).ConfigureAwait(false);
        return ssl;
    }

    private static bool Verify(TlsOptions options, X509Certificate? certificate, SslPolicyErrors errors, bool checkName)
    {
        if (certificate is null)
        {
            return false;
        }

        if (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        if (options.TrustedCertificates.Count == 0)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None || (!checkName && errors == SslPolicyErrors.RemoteCertificateNameMismatch);
        }

        // Trust exactly the given certificates or CAs, not the system store.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(options.TrustedCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = new X509Certificate2(certificate);
        return chain.Build(peer) || options.TrustedCertificates.Any(t => t.Thumbprint == peer.Thumbprint);
    }
}
