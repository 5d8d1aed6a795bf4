using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tests.Support;
using Cairn.Server;

namespace Cairn.Archive.Tests;

/// <summary>HTTPS for REST and UI with a certificate the test makes (self-signed), as PKCS#12 and as PEM.</summary>
public sealed class HttpsTests
{
    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task TheRestApiAnswersOverHttpsWithTheConfiguredCertificate(string format)
    {
        using var folder = new TemporaryDirectory();
        using var certificate = SelfSigned();
        var file = folder.File("server." + format);
        if (format == "pfx")
        {
            await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        }
        else
        {
            await File.WriteAllTextAsync(file, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with
        {
            HttpsPort = 0,
            CertificateFile = file,
            CertificatePassword = format == "pfx" ? "pfx-password" : null,
        });
        X509Certificate2? seen = null;
        using var client = new HttpClient(new HttpClientHandler
        {
            // The test trusts exactly the certificate it made.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            {
                seen = presented is null ? null : X509CertificateLoader.LoadCertificate(presented.RawData);
                return presented?.Thumbprint == certificate.Thumbprint;
            },
        })
        { BaseAddress = archive.HttpsAddress };

        using var response = await client.GetAsync("/dcm4chee-arc/aes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.Thumbprint, seen!.Thumbprint);
        Assert.Equal("https", archive.HttpsAddress!.Scheme);
    }

    [Fact]
    public async Task ACertificateFileWithoutItsKeyStopsTheStartNamingTheFile()
    {
        using var folder = new TemporaryDirectory();
        using var certificate = SelfSigned();
        var file = folder.File("server.pem");
        await File.WriteAllTextAsync(file, certificate.ExportCertificatePem());

        var e = await Assert.ThrowsAsync<ConfigurationException>(() => TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { HttpsPort = 0, CertificateFile = file }));

        Assert.StartsWith($"--certificate {file}: cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHttpsPortWithoutACertificateIsRefusedWhenTheOptionsAreRead()
    {
        var e = Assert.Throws<ArgumentException>(() => ArchiveOptions.Parse(["--https-port", "8443"], _ => null));

        Assert.Contains("--https-port needs --certificate", e.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
