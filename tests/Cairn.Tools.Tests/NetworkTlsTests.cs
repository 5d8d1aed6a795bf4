using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

/// <summary>DICOM TLS with the tools' --tls options, against Cairn's and DCMTK's peers, with certificates made here.</summary>
[Collection(ToolsCollection.Name)]
public sealed class NetworkTlsTests : IDisposable
{
    private readonly ToolsFixture _tools;
    private readonly string _directory = Directory.CreateTempSubdirectory("cairn-tls-").FullName;

    public NetworkTlsTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A self-signed certificate for localhost/127.0.0.1, written as PEM certificate and key files.</summary>
    private (string Certificate, string Key) MakeCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificatePath = Path.Combine(_directory, $"{name}.crt");
        var keyPath = Path.Combine(_directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    [Fact]
    public async Task Cairn_and_dcmtk_store_to_cairn_storescp_over_tls_and_a_plain_peer_is_refused()
    {
        var scp = MakeCertificate("scp");
        var scu = MakeCertificate("scu");
        var received = Directory.CreateDirectory(Path.Combine(_directory, "in")).FullName;
        var port = Servers.FreePort();
        var file = Corpus.PathOf("test_files/CT_small.dcm");
        await using var server = await Servers.StartAsync(_tools.ExecutablePath, ["storescp", "-b", $"STORESCP@127.0.0.1:{port}", "--directory", received, "--tls", "--tls-cert", scp.Certificate, "--tls-key", scp.Key, "--tls-trust", scu.Certificate], port);

        var cairn = await _tools.RunAsync("storescu", "-c", $"STORESCP@127.0.0.1:{port}", "--tls", "--tls-cert", scu.Certificate, "--tls-key", scu.Key, "--tls-trust", scp.Certificate, file);
        Assert.True(cairn.ExitCode == 0, $"{cairn.OutputText}{cairn.Errors}\n{server.Output}");
        Assert.Single(Directory.GetFiles(received));

        var dcmtk = await ProcessRunner.RunAsync("/usr/bin/storescu", ["+tls", scu.Key, scu.Certificate, "+cf", scp.Certificate, "-aec", "STORESCP", "127.0.0.1", $"{port}", Corpus.PathOf("test_files/MR_small.dcm")], TimeSpan.FromMinutes(1));
        Assert.True(dcmtk.ExitCode == 0, $"DCMTK storescu +tls: {dcmtk.OutputText}{dcmtk.Errors}\n{server.Output}");
        Assert.Equal(2, Directory.GetFiles(received).Length);

        var plain = await _tools.RunAsync("storescu", "-c", $"STORESCP@127.0.0.1:{port}", "--accept-timeout", "5000", file);
        Assert.Equal(1, plain.ExitCode);

        var untrusting = await _tools.RunAsync("storescu", "-c", $"STORESCP@127.0.0.1:{port}", "--tls", "--tls-trust", scu.Certificate, file);
        Assert.Equal(1, untrusting.ExitCode);
        Assert.Contains("could not connect", untrusting.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_scp_without_a_certificate_is_a_usage_error()
    {
        var result = await _tools.RunAsync("storescp", "-b", "STORESCP:11999", "--tls");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs --tls-cert and --tls-key", result.Errors, StringComparison.Ordinal);
    }
}
