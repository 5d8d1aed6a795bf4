using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Tests.Loopback;

public sealed class TlsTests
{
    /// <summary>A self-signed certificate with its key, made for the test (exportable, as SslStream on Linux needs).</summary>
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<DicomServer> StartAsync(TlsOptions tls)
    {
        var server = new DicomServer(
            new DicomServerOptions
            {
                BindAddress = "127.0.0.1",
                Port = 0,
                Policy = new AcceptancePolicy { AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.Verification] = [DicomUids.ImplicitVRLittleEndian] } },
                Tls = tls,
                AssociationRequestTimeout = TimeSpan.FromSeconds(3),
            },
            new RecordingHandler());
        server.Start();
        await Task.Yield();
        return server;
    }

    private static async Task EchoAsync(int port, TlsOptions tls)
    {
        await using var association = await new DicomClient().ConnectAsync("127.0.0.1", port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "SCP",
            PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }, tls);
        var echo = DimseCommand.CEchoRequest(association.NextMessageId());
        await association.SendAsync(echo, association.FindContext(DicomUids.Verification)!, (DicomDataset?)null, default);
        Assert.True((await association.ReceiveResponseAsync(echo, default)).Command.Status.IsSuccess);
        await association.ReleaseAsync(TimeSpan.FromSeconds(5), default);
    }

    [Fact]
    public async Task Echo_over_tls_with_mutual_certificates()
    {
        using var serverCertificate = SelfSigned("scp");
        using var clientCertificate = SelfSigned("scu");
        await using var server = await StartAsync(new TlsOptions { Certificate = serverCertificate, TrustedCertificates = [clientCertificate], RequireClientCertificate = true });
        await EchoAsync(server.Port, new TlsOptions { Certificate = clientCertificate, TrustedCertificates = [serverCertificate] });
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_server_certificate_fails_to_connect()
    {
        using var serverCertificate = SelfSigned("scp");
        using var other = SelfSigned("other");
        await using var server = await StartAsync(new TlsOptions { Certificate = serverCertificate });
        var error = await Assert.ThrowsAsync<IOException>(() => EchoAsync(server.Port, new TlsOptions { TrustedCertificates = [other] }));
        Assert.Contains("could not connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_needs_a_client_certificate_refuses_one_without()
    {
        using var serverCertificate = SelfSigned("scp");
        using var clientCertificate = SelfSigned("scu");
        await using var server = await StartAsync(new TlsOptions { Certificate = serverCertificate, TrustedCertificates = [clientCertificate], RequireClientCertificate = true });
        await Assert.ThrowsAnyAsync<Exception>(() => EchoAsync(server.Port, new TlsOptions { TrustedCertificates = [serverCertificate] }));
        await EchoAsync(server.Port, new TlsOptions { Certificate = clientCertificate, TrustedCertificates = [serverCertificate] });
    }

    [Fact]
    public async Task A_plain_client_against_a_tls_server_gets_nowhere_and_the_server_goes_on()
    {
        using var serverCertificate = SelfSigned("scp");
        await using var server = await StartAsync(new TlsOptions { Certificate = serverCertificate });
        await Assert.ThrowsAnyAsync<Exception>(() => new DicomClient().ConnectAsync("127.0.0.1", server.Port, new AssociationOptions
        {
            CallingAETitle = "SCU",
            CalledAETitle = "SCP",
            PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            AssociationTimeout = TimeSpan.FromSeconds(5),
        }));
        await EchoAsync(server.Port, new TlsOptions { TrustedCertificates = [serverCertificate] });
    }
}
