using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Cairn.Archive.Tests.Support;
using Cairn.Server.Security;

namespace Cairn.Archive.Tests;

/// <summary>
/// Access control with the security file: every protected group of endpoints refuses the anonymous (401), the caller
/// without the role (403, naming it) and lets the one with it through — by Basic credentials and by bearer tokens
/// from a test issuer; bad tokens get 401 with nothing said about why; password guessing is slowed down.
/// </summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private const string Study = "1.2.826.0.1.3680043.9.7777.71";

    private readonly TestIdentity _identity = new();
    private TestArchive? _archive;

    private TestArchive Archive => _archive!;

    public async Task InitializeAsync() =>
        _archive = await TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { SecurityFile = _identity.SecurityFile });

    public async Task DisposeAsync()
    {
        await _archive!.DisposeAsync();
        _identity.Dispose();
    }

    /// <summary>One request of each group of endpoints, and the role it needs.</summary>
    public static TheoryData<string, string, string> Protected => new()
    {
        { "GET", "/dcm4chee-arc/aets/DCM4CHEE/rs/studies", ArchiveRoles.Viewer },
        { "GET", $"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Study}", ArchiveRoles.Viewer },
        { "GET", "/dcm4chee-arc/devices/dcm4chee-arc", ArchiveRoles.Viewer },
        { "GET", "/dcm4chee-arc/aes", ArchiveRoles.Viewer },
        { "GET", "/dcm4chee-arc/queue/IANSCU", ArchiveRoles.Viewer },
        { "GET", "/dcm4chee-arc/queue/IANSCU/count", ArchiveRoles.Viewer },
        { "GET", "/dcm4chee-arc/monitor/export", ArchiveRoles.Viewer },
        { "GET", $"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Study}/export-rules", ArchiveRoles.Viewer },
        { "GET", "/configuration/exporters", ArchiveRoles.Viewer },
        { "POST", $"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Study}/export/STORESCP", ArchiveRoles.Operator },
        { "POST", "/dcm4chee-arc/aets/DCM4CHEE/rs/studies/export/STORESCP", ArchiveRoles.Operator },
        { "POST", $"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Study}/export/STORESCP?only-ian=true", ArchiveRoles.Operator },
        { "POST", $"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Study}/ian/dicom:IANSCP", ArchiveRoles.Operator },
        { "POST", "/dcm4chee-arc/queue/IANSCU/1/cancel", ArchiveRoles.Operator },
        { "POST", "/dcm4chee-arc/queue/IANSCU/reschedule?status=FAILED", ArchiveRoles.Operator },
        { "DELETE", "/dcm4chee-arc/queue/IANSCU/1", ArchiveRoles.Operator },
        { "DELETE", "/dcm4chee-arc/monitor/export?status=FAILED", ArchiveRoles.Operator },
        { "PUT", "/dcm4chee-arc/aes/PACS9", ArchiveRoles.Admin },
        { "DELETE", "/dcm4chee-arc/aes/PACS9", ArchiveRoles.Admin },
        { "PUT", "/dcm4chee-arc/devices/dcm4chee-arc", ArchiveRoles.Admin },
        { "POST", "/configuration/exporters?handler=Delete", ArchiveRoles.Admin },
    };

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task AnonymousCallsGet401AndOnlyCallersHoldingTheRoleGetThrough(string method, string path, string role)
    {
        using (var anonymous = await SendAsync(method, path, null))
        {
            var expected = path.StartsWith("/dcm4chee-arc", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect;
            Assert.Equal(expected, anonymous.StatusCode);
        }

        foreach (var (user, held) in new[] { ("viewer1", ArchiveRoles.Viewer), ("operator1", ArchiveRoles.Operator), ("admin1", ArchiveRoles.Admin) })
        {
            foreach (var credentials in new[] { Basic(user), Bearer(user, held) })
            {
                using var response = await SendAsync(method, path, credentials);
                if (ArchiveRoles.Grants(held, role))
                {
                    Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{user} ({credentials.Scheme}) refused {method} {path}: {response.StatusCode}");
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                    Assert.Contains($"{user} may not", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    Assert.Contains($"it needs the role {role}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task HealthMetricsAndTheLoginPageStayOpen()
    {
        foreach (var path in new[] { "/health", "/metrics", "/login" })
        {
            using var response = await SendAsync("GET", path, null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ExpiredMalformedWronglySignedAndWrongAudienceTokensGet401WithoutSayingWhy()
    {
        using var otherKey = RSA.Create(2048);
        var tokens = new[]
        {
            _identity.Token("admin1", [ArchiveRoles.Admin], lifetime: TimeSpan.FromMinutes(-10)),
            "not.a.token",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            _identity.Token("admin1", [ArchiveRoles.Admin], signer: otherKey),
            _identity.Token("admin1", [ArchiveRoles.Admin], audience: "another-client"),
        };
        foreach (var token in tokens)
        {
            using var response = await SendAsync("GET", "/dcm4chee-arc/aes", new AuthenticationHeaderValue("Bearer", token));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal("{\"errorMessage\":\"Authentication required\"}", body);
            Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Parameter?.Contains("error", StringComparison.Ordinal) == true);
        }

        using var good = await SendAsync("GET", "/dcm4chee-arc/aes", Bearer("admin1", ArchiveRoles.Admin));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsAreAnsweredMoreSlowlyAndNothingOfTheUserListIsLogged()
    {
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SendAsync("GET", "/dcm4chee-arc/aes", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin1:guess" + i))));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // After three failures the next attempt waits 2 s before it is even checked, right password or not.
        var clock = Stopwatch.StartNew();
        using (var fourth = await SendAsync("GET", "/dcm4chee-arc/aes", Basic("admin1")))
        {
            Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"the fourth attempt was answered after {clock.Elapsed}");

        var log = string.Join("\n", Archive.Log.Lines);
        Assert.DoesNotContain(PasswordHash.Scheme, log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", log, StringComparison.Ordinal);
        Assert.DoesNotContain("guess", log, StringComparison.Ordinal);
    }

    [Fact]
    public void TheThrottleDoublesItsDelayPerFailureUpToFifteenSecondsAndForgetsOnSuccess()
    {
        var throttle = new LoginThrottle(TimeProvider.System);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("a", "10.0.0.1"));
        var delays = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed("a", "10.0.0.1");
            delays.Add(throttle.DelayFor("a", "10.0.0.1").TotalSeconds);
        }

        Assert.Equal([0.5, 1, 2, 4, 8, 15, 15, 15], delays);
        Assert.Equal(TimeSpan.FromSeconds(15), throttle.DelayFor("another name", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(15), throttle.DelayFor("a", "10.0.0.2"));
        throttle.Succeeded("a", "10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("a", "10.0.0.1"));
    }

    [Fact]
    public async Task ASecurityFileWithAPasswordInsteadOfAHashStopsTheStartNamingTheField()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.File("security.json");
        await File.WriteAllTextAsync(file, """{"users":[{"name":"alice","passwordHash":"hunter2","roles":["admin"]}]}""");

        var e = await Assert.ThrowsAsync<Cairn.Archive.Configuration.ConfigurationException>(() => TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { SecurityFile = file }));

        Assert.Contains("users[0].passwordHash: is not a pbkdf2-sha256", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:secret-{user}")));

    private AuthenticationHeaderValue Bearer(string user, string role) => new("Bearer", _identity.Token(user, [role]));

    private async Task<HttpResponseMessage> SendAsync(string method, string path, AuthenticationHeaderValue? credentials)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = credentials;
        if (method is "PUT" or "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Archive.Http.BaseAddress };
        return await client.SendAsync(request);
    }
}
