using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cairn.Archive.Configuration;

namespace Cairn.Server.Security;

/// <summary>
/// The archive's certificate for HTTPS: a PKCS#12 file (.pfx, .p12; its password from CAIRN_CERTIFICATE_PASSWORD, never
/// the command line) or a PEM file holding the certificate and its private key.
/// </summary>
public static class ServerCertificate
{
    public static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : X509Certificate2.CreateFromPemFile(path);
            if (!certificate.HasPrivateKey)
            {
                throw new ConfigurationException($"--certificate {path}: holds no private key");
            }

            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ConfigurationException($"--certificate {path}: cannot be read as a certificate with its private key ({e.Message})", e);
        }
    }

    /// <summary>The certificates of a PEM bundle, for the peers DICOM TLS trusts.</summary>
    public static X509Certificate2Collection Trusted(string path)
    {
        try
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(path);
            return trusted.Count > 0 ? trusted : throw new ConfigurationException($"--tls-trust {path}: holds no certificate");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--tls-trust {path}: cannot be read as PEM certificates ({e.Message})", e);
        }
    }
}
