using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

/// <summary>
/// The audit record: every export, IAN, task operation and configuration change — allowed or refused — with who, from
/// where, what, when and the outcome; reads are not recorded; only administrators may read the record.
/// </summary>
public abstract class AuditTests
{
    private readonly IndexBackend _backend;

    protected AuditTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task EachChangeIsRecordedWithWhoWhatWhenAndTheOutcomeAndOnlyAdministratorsReadTheRecord()
    {
        using var identity = new TestIdentity();
        await using var archive = await TestArchive.StartAsync(_backend, options: o => o with { SecurityFile = identity.SecurityFile });
        var began = DateTimeOffset.UtcNow.AddSeconds(-1);
        const string Rs = "/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.3.4";

        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(archive, "POST", $"{Rs}/export/STORESCP", "operator1"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(archive, "POST", $"{Rs}/export/STORESCP?only-ian=true", "operator1"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(archive, "POST", "/dcm4chee-arc/queue/IANSCU/reschedule?status=FAILED", "operator1"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(archive, "DELETE", "/dcm4chee-arc/queue/IANSCU/5", "operator1"));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(archive, "PUT", "/dcm4chee-arc/aes/PACS9", "admin1", """{"dicomHostname":"pacs9","dicomPort":104}"""));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(archive, "DELETE", "/dcm4chee-arc/aes/PACS9", "viewer1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(archive, "POST", $"{Rs}/export/STORESCP", null));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(archive, "GET", "/dcm4chee-arc/aes", "viewer1"));

        using var records = JsonDocument.Parse(await GetAsync(archive, "/dcm4chee-arc/audit", "admin1"));
        var seen = records.RootElement.EnumerateArray()
            .Select(r => (User: r.GetProperty("user").GetString(), Action: r.GetProperty("action").GetString(), Method: r.GetProperty("method").GetString(), Uri: r.GetProperty("uri").GetString(), Status: r.GetProperty("status").GetInt32(), Outcome: r.GetProperty("outcome").GetString()))
            .Reverse()
            .ToList();
        Assert.Equal(
            [
                ("operator1", "export", "POST", $"{Rs}/export/STORESCP", 404, "failure"),
                ("operator1", "ian", "POST", $"{Rs}/export/STORESCP?only-ian=true", 404, "failure"),
                ("operator1", "task", "POST", "/dcm4chee-arc/queue/IANSCU/reschedule?status=FAILED", 200, "success"),
                ("operator1", "task", "DELETE", "/dcm4chee-arc/queue/IANSCU/5", 404, "failure"),
                ("admin1", "configuration", "PUT", "/dcm4chee-arc/aes/PACS9", 201, "success"),
                ("viewer1", "configuration", "DELETE", "/dcm4chee-arc/aes/PACS9", 403, "failure"),
                ("anonymous", "export", "POST", $"{Rs}/export/STORESCP", 401, "failure"),
            ],
            seen);
        var first = records.RootElement.EnumerateArray().Last();
        Assert.Equal("127.0.0.1", first.GetProperty("host").GetString());
        Assert.True(DateTimeOffset.Parse(first.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= began);

        Assert.Equal("{\"count\":4}", await GetAsync(archive, "/dcm4chee-arc/audit/count?user=operator1", "admin1"));
        Assert.Equal("{\"count\":2}", await GetAsync(archive, "/dcm4chee-arc/audit/count?action=configuration", "admin1"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(archive, "GET", "/dcm4chee-arc/audit", "operator1"));
        using var bad = await Client(archive, "admin1").GetAsync("/dcm4chee-arc/audit?action=reading");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("action: 'reading' is not one of", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExportTaskCarriesTheUserHostAndRequestThatAskedForIt()
    {
        using var identity = new TestIdentity();
        await using var archive = await TestArchive.StartAsync(_backend, options: o => o with { SecurityFile = identity.SecurityFile });
        using var work = new TemporaryDirectory();
        StudyCopies.Write(work.File("study"), "1.2.826.0.1.3680043.9.7777.95", 2);
        Assert.Equal(0, (await Peers.StoreAsync(archive, work.File("study"))).ExitCode);
        var path = "/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.826.0.1.3680043.9.7777.95/export/STORESCP?scheduledTime=2099-01-01T00:00:00Z";

        using var client = Client(archive, "operator1");
        using var response = await client.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var task = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("operator1", task.RootElement.GetProperty("RequesterUserID").GetString());
        Assert.Equal("127.0.0.1", task.RootElement.GetProperty("RequesterHostName").GetString());
        Assert.Equal(path, task.RootElement.GetProperty("RequestURI").GetString());
    }

    [Fact]
    public async Task AnOpenArchiveRecordsTheChangesAsAnonymous()
    {
        await using var archive = await TestArchive.StartAsync(_backend);

        using var response = await archive.Http.PostAsync("/dcm4chee-arc/queue/IANSCU/cancel?status=SCHEDULED", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var records = JsonDocument.Parse(await archive.Http.GetStringAsync("/dcm4chee-arc/audit"));
        var record = Assert.Single(records.RootElement.EnumerateArray().ToList());
        Assert.Equal(("anonymous", "task", "success"), (record.GetProperty("user").GetString(), record.GetProperty("action").GetString(), record.GetProperty("outcome").GetString()));
    }

    private static HttpClient Client(TestArchive archive, string? user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = archive.Http.BaseAddress };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:secret-{user}")));
        }

        return client;
    }

    private static async Task<HttpStatusCode> SendAsync(TestArchive archive, string method, string path, string? user, string? json = null)
    {
        using var client = Client(archive, user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> GetAsync(TestArchive archive, string path, string user)
    {
        using var client = Client(archive, user);
        return await client.GetStringAsync(path);
    }
}
