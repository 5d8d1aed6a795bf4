using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Cairn.Archive.Tests.Support;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests;

/// <summary>
/// DICOM TLS on the archive with a certificate the test makes: DCMTK's storescu (+tls) and ours (--tls) store on the
/// TLS port; a remote AE that names cipher suites is exported to and notified over TLS (our storescp and ianscp with
/// --tls), trusting the certificate given by --tls-trust; a peer the archive does not trust fails the export in words.
/// </summary>
public sealed class DicomTlsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public DicomTlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CertificatePem, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPem, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(BothPem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
    }

    private string CertificatePem => _folder.File("cert.pem");

    private string KeyPem => _folder.File("key.pem");

    private string BothPem => _folder.File("both.pem");

    [Fact]
    public async Task DcmtkAndOurStorescuStoreOverTlsAndTheStudyIsExportedAndNotifiedOverTls()
    {
        using var work = new TemporaryDirectory();
        var (received, ians) = (work.File("received"), work.File("ians"));
        Directory.CreateDirectory(received);
        Directory.CreateDirectory(ians);
        var (storePort, ianPort) = (FreePort(), FreePort());
        var tls = new[] { "--tls", "--tls-cert", CertificatePem, "--tls-key", KeyPem };
        await using var storescp = await CairnTools.StartAsync("storescp", ["-b", $"STORESCP@127.0.0.1:{storePort}", "--directory", received, .. tls]);
        await using var ianscp = await CairnTools.StartAsync("ianscp", ["-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians, .. tls]);
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { DicomTlsPort = 0, CertificateFile = BothPem, TlsTrustFile = CertificatePem });
        await ConfigureAsync(archive.Http, device =>
        {
            foreach (var (aet, port) in new[] { ("STORESCP", storePort), ("IANSCP", ianPort) })
            {
                SetRemoteAE(device, aet, port);
                var ae = device["dcmRemoteAE"]!.AsArray().Single(a => (string?)a!["dicomAETitle"] == aet)!.AsObject();
                ae["dicomTLSCipherSuite"] = new JsonArray("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            }
        });
        await WaitForPortAsync(storePort);
        await WaitForPortAsync(ianPort);
        var tlsPort = archive.DicomTlsPort!.Value.ToString(CultureInfo.InvariantCulture);

        StudyCopies.Write(work.File("study"), "1.2.826.0.1.3680043.9.7777.97", 2);
        // +tls: DCMTK presents a client certificate (the archive does not ask for one, and accepts it); +cf: it trusts ours.
        var dcmtk = await Peers.DcmtkAsync("storescu", "+tls", KeyPem, CertificatePem, "+cf", CertificatePem, "-aec", "DCM4CHEE", "-aet", "STORESCU", "127.0.0.1", tlsPort, Path.Combine(work.File("study"), "1.dcm"));
        Assert.True(dcmtk.ExitCode == 0, dcmtk.Errors + dcmtk.OutputText);
        await using (var ours = await CairnTools.StartAsync("storescu", "-c", $"DCM4CHEE@127.0.0.1:{tlsPort}", "--tls", "--tls-trust", CertificatePem, Path.Combine(work.File("study"), "2.dcm")))
        {
            Assert.Equal(0, await ours.WaitForExitAsync(Patience));
        }

        // Plain TCP to the TLS port is no association.
        var plain = await Peers.DcmtkAsync("echoscu", "-aec", "DCM4CHEE", "127.0.0.1", tlsPort);
        Assert.NotEqual(0, plain.ExitCode);

        using var response = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.826.0.1.3680043.9.7777.97/export/STORESCP", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var export = await WaitForTaskAsync(archive.Http, "Export1", t => t.GetProperty("status").GetString() == "COMPLETED", "COMPLETED");
        Assert.Equal("2 of 2 instances sent", export.GetProperty("outcomeMessage").GetString());
        await WaitForTaskAsync(archive.Http, "IANSCU", t => t.GetProperty("status").GetString() == "COMPLETED", "COMPLETED");
        Assert.Equal(2, Directory.GetFiles(received).Count(f => !Path.GetFileName(f).StartsWith('.')));
        Assert.Single(Directory.GetFiles(ians), f => !Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task AnExportToATlsPeerTheArchiveDoesNotTrustFailsSayingSo()
    {
        using var work = new TemporaryDirectory();
        var storePort = FreePort();
        await using var storescp = await CairnTools.StartAsync("storescp", ["-b", $"STORESCP@127.0.0.1:{storePort}", "--directory", work.Path, "--tls", "--tls-cert", CertificatePem, "--tls-key", KeyPem]);
        // No --tls-trust: the system's CAs, which do not include the test's self-signed certificate.
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storePort);
            device["dcmRemoteAE"]!.AsArray().Single(a => (string?)a!["dicomAETitle"] == "STORESCP")!["dicomTLSCipherSuite"] = new JsonArray("TLS_AES_128_GCM_SHA256");
        });
        await WaitForPortAsync(storePort);
        StudyCopies.Write(work.File("study"), "1.2.826.0.1.3680043.9.7777.98", 1);
        Assert.Equal(0, (await Peers.StoreAsync(archive, work.File("study"))).ExitCode);

        using var response = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.826.0.1.3680043.9.7777.98/export/dicom:STORESCP", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("cannot associate with STORESCP", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
