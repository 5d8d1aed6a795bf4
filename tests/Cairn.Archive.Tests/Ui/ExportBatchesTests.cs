using System.Globalization;
using System.Net;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Cairn.Archive.Tests.Support.ArchiveRest;
using static Cairn.Archive.Tests.Support.TaskWaits;

namespace Cairn.Archive.Tests.Ui;

/// <summary>
/// Monitoring → Export's Batches view, in chromium, on exports made over REST of studies stored with storescu: the
/// batches' counts per status (the same as <c>/monitor/export/batch</c>), their links to the filtered task list,
/// filters and paging; refusals in the server's words.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportBatchesTests(Browser browser) : IAsyncLifetime
{
    private const string Rs = "/dcm4chee-arc/aets/DCM4CHEE/rs";
    private const string Later = "20990101000000";

    private readonly TemporaryDirectory _received = new();
    private readonly TemporaryDirectory _studies = new();
    private readonly List<string> _studyUids = [];
    private RunningProcess? _storescp;
    private TestArchive? _archive;

    private TestArchive Archive => _archive!;

    private TaskStore Store => Archive.Services.GetRequiredService<TaskStore>();

    // Three studies; batch "done" exported one at once to a listening storescp (COMPLETED); batch "nightly" all three
    // for later to STORESCP and one to OTHER, one of them then cancelled; and one later export without a batch.
    public async Task InitializeAsync()
    {
        var storePort = FreePort();
        _storescp = RunningProcess.Start("storescp", ["-od", _received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        _archive = await TestArchive.StartAsync(IndexBackend.Sqlite, d => d with
        {
            RemoteApplicationEntities =
            [
                new RemoteAE { AETitle = "STORESCP", Hostname = "127.0.0.1", Port = storePort },
                new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = FreePort() },
            ],
            Archive = d.Archive with
            {
                Exporters =
                [
                    .. d.Archive.Exporters.Select(e => e with { IanDestinations = [] }),
                    d.Archive.Exporters[0] with { ExporterId = "OTHER", QueueName = "Export2", Description = "Second route to STORESCP", IanDestinations = [] },
                ],
            },
        });
        await WaitForPortAsync(storePort);
        for (var i = 0; i < 3; i++)
        {
            var uid = $"1.2.826.0.1.3680043.9.7777.70{i}";
            StudyCopies.Write(Path.Combine(_studies.Path, uid), uid, 1);
            _studyUids.Add(uid);
        }

        Assert.Equal(0, (await Peers.StoreAsync(Archive, Directory.GetFiles(_studies.Path, "*.dcm", SearchOption.AllDirectories))).ExitCode);

        Assert.Equal(1, await ExportAsync($"STORESCP?StudyInstanceUID={_studyUids[0]}&batchID=done"));
        await WaitForStatusAsync(Store, Assert.Single(await BatchTasksAsync("done")).TaskId, QueueTaskStatus.Completed);
        Assert.Equal(3, await ExportAsync($"STORESCP?batchID=nightly&scheduledTime={Later}"));
        Assert.Equal(1, await ExportAsync($"OTHER?StudyInstanceUID={_studyUids[1]}&batchID=nightly&scheduledTime={Later}"));
        Assert.Equal(1, await ExportAsync($"STORESCP?StudyInstanceUID={_studyUids[2]}&scheduledTime={Later}"));
        var cancelled = (await BatchTasksAsync("nightly")).First(t => t.ExporterId == "STORESCP" && t.StudyInstanceUid == _studyUids[2]);
        Assert.Equal(HttpStatusCode.NoContent, (await Archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{cancelled.TaskId}/cancel", null)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_archive is not null)
        {
            await _archive.DisposeAsync();
        }

        if (_storescp is not null)
        {
            await _storescp.DisposeAsync();
        }

        _received.Dispose();
        _studies.Dispose();
    }

    [Fact]
    public async Task BatchesShowTheirCountsPerStatusAndLinkToTheirTasks()
    {
        var page = await OpenAsync("/monitoring/export");
        await page.GetByRole(AriaRole.Link, new() { Name = "Batches", Exact = true }).ClickAsync();
        Assert.EndsWith("/monitoring/export/batches", page.Url, StringComparison.Ordinal);
        await StopAutoRefreshAsync(page);

        // Newest update first: "nightly" (its cancel), then "done"; no row for the export without a batch.
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Locator("td.batch-id")).ToHaveTextAsync(["nightly", "done"]);
        await Assertions.Expect(rows.Nth(0).Locator("td.counts a")).ToHaveTextAsync(["SCHEDULED 3", "CANCELED 1"]);
        await Assertions.Expect(rows.Nth(0).Locator("td.progress")).ToHaveTextAsync("1 / 4");
        await Assertions.Expect(rows.Nth(0).GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "1 of 4 tasks finished");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(3)).ToHaveTextAsync("OTHER, STORESCP");
        await Assertions.Expect(rows.Nth(1).Locator("td.counts a")).ToHaveTextAsync(["COMPLETED 1"]);
        await Assertions.Expect(rows.Nth(1).Locator("td.progress")).ToHaveTextAsync("1 / 1");
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("Batches 1–2");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next" })).ToHaveCountAsync(0);

        // The same batches, counts and exporters as the REST API's.
        var rest = await RestBatchesAsync("");
        Assert.Equal(["nightly", "done"], rest.Select(b => b.GetProperty("batchID").GetString()!));
        Assert.Equal("""{"scheduled":3,"canceled":1}""", rest[0].GetProperty("tasks").GetRawText());
        Assert.Equal(["OTHER", "STORESCP"], rest[0].GetProperty("ExporterID").EnumerateArray().Select(e => e.GetString()!));
        await Browser.ScreenshotAsync(page, "export-batches");

        // A batch's link: the Export monitor, filtered by it; a count's link: by its status too.
        await page.GetByRole(AriaRole.Link, new() { Name = "nightly", Exact = true }).ClickAsync();
        Assert.EndsWith("/monitoring/export?batchID=nightly", page.Url, StringComparison.Ordinal);
        await StopAutoRefreshAsync(page);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByLabel("Batch ID")).ToHaveValueAsync("nightly");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "CANCELED 1" }).ClickAsync();
        Assert.EndsWith("/monitoring/export?batchID=nightly&status=CANCELED", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tbody tr td").Nth(3)).ToHaveTextAsync("STORESCP");

        // The filter picks the tasks before they are grouped, as in REST; the Tasks view keeps it.
        await page.GotoAsync("/monitoring/export/batches");
        await page.GetByLabel("Exporter", new() { Exact = true }).SelectOptionAsync("OTHER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Nth(0).Locator("td.counts a")).ToHaveTextAsync(["SCHEDULED 1"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tasks", Exact = true }).ClickAsync();
        Assert.Contains("/monitoring/export?ExporterID=OTHER&", page.Url, StringComparison.Ordinal);
        await StopAutoRefreshAsync(page);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);

        // Paged like the task list: one batch a page, Next and Previous.
        await page.GotoAsync("/monitoring/export/batches?limit=1");
        await Assertions.Expect(rows.Locator("td.batch-id")).ToHaveTextAsync(["nightly"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(rows.Locator("td.batch-id")).ToHaveTextAsync(["done"]);
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("Batches 2–2");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(rows.Locator("td.batch-id")).ToHaveTextAsync(["nightly"]);

        // A filter the parser refuses: its words, beside the field; nothing that matches: said so.
        await page.GotoAsync("/monitoring/export/batches?status=LOST");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("status: 'LOST' is not one of SCHEDULED, SCHEDULED FOR RETRY, IN PROCESS, COMPLETED, WARNING, FAILED, CANCELED");
        Assert.Equal("true", await page.GetByLabel("Status", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await page.GotoAsync("/monitoring/export/batches?dicomDeviceName=elsewhere");
        await Assertions.Expect(page.GetByText("No batch matches the filter.")).ToBeVisibleAsync();

        var narrow = await browser.NewPageAsync(Archive.Http.BaseAddress!, 400, 800);
        await narrow.GotoAsync("/monitoring/export/batches");
        await StopAutoRefreshAsync(narrow);
        Assert.True(await narrow.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page fits 400 px (its table scrolls inside)");
        await Browser.ScreenshotAsync(narrow, "export-batches-narrow");
    }

    private async Task<long> ExportAsync(string exporterAndQuery)
    {
        using var response = await Archive.Http.PostAsync($"{Rs}/studies/export/{exporterAndQuery}", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("count").GetInt64();
    }

    private Task<IReadOnlyList<QueueTask>> BatchTasksAsync(string batch) =>
        Store.ListAsync(new TaskFilter { BatchId = batch, Type = "EXPORT" }, TaskOrder.Default, 0, 100, CancellationToken.None);

    private async Task<List<JsonElement>> RestBatchesAsync(string query) => await RestListAsync("/dcm4chee-arc/monitor/export/batch" + query);

    private async Task<List<JsonElement>> RestListAsync(string path)
    {
        using var response = await Archive.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    // A monitor page with its auto-refresh off, so that no reload comes between a test's steps.
    private async Task<IPage> OpenAsync(string path)
    {
        var page = await browser.NewPageAsync(Archive.Http.BaseAddress!);
        await page.GotoAsync(path);
        await StopAutoRefreshAsync(page);
        return page;
    }

    private static async Task StopAutoRefreshAsync(IPage page) => await page.GetByLabel("Refresh every 10 s").UncheckAsync();
}
