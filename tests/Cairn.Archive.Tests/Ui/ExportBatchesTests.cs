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
/// Monitoring → Export's Batches view and Move to exporter, in chromium, on exports made over REST of studies stored
/// with storescu: the batches' counts per status (the same as <c>/monitor/export/batch</c>), their links to the
/// filtered task list, filters and paging; moving the matching exports, or one, to another exporter, checked over REST
/// and in the <see cref="TaskStore"/>; refusals in the server's words.
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
        await Assertions.Expect(page.GetByLabel("Refresh every 30 s")).ToHaveAttributeAsync("data-auto-refresh", "30");
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

    [Fact]
    public async Task MoveToExporterSchedulesTheMatchingExportsAgainOnTheChosenExporter()
    {
        var page = await OpenAsync("/monitoring/export?batchID=nightly&ExporterID=STORESCP&status=SCHEDULED");
        var dialogs = AcceptDialogs(page);
        var move = page.GetByRole(AriaRole.Form, new() { Name = "Move all matching tasks to another exporter" });

        // The filter names the status: the form asks only for the exporter and the time.
        await page.GetByText("All actions").ClickAsync();
        await Assertions.Expect(move.GetByLabel("Status of the tasks to move")).ToHaveCountAsync(0);
        await Assertions.Expect(move.GetByLabel("Exporter to move them to").Locator("option")).ToHaveTextAsync(["Choose an exporter", "STORESCP (Export to STORESCP, then notify IANSCP)", "OTHER (Second route to STORESCP)"]);

        // No exporter chosen yet: the browser says so, before any confirmation, and nothing is sent.
        await move.GetByRole(AriaRole.Button, new() { Name = "Move all matching to exporter" }).ClickAsync();
        Assert.False(await move.GetByLabel("Exporter to move them to").EvaluateAsync<bool>("select => select.validity.valid"));
        Assert.Empty(dialogs);
        await Assertions.Expect(Message(page)).ToHaveCountAsync(0);

        await move.GetByLabel("Exporter to move them to").SelectOptionAsync("OTHER");
        await move.GetByLabel("Scheduled time (empty: now)").FillAsync("2098-01-01T00:00");
        await Browser.ScreenshotAsync(page, "export-move-to-exporter");
        await move.GetByRole(AriaRole.Button, new() { Name = "Move all matching to exporter" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("2 tasks moved to OTHER.");
        Assert.Equal("Move the 2 SCHEDULED tasks of export tasks that match the filter to the chosen exporter?", dialogs[^1]);

        // Over REST: batch "nightly" now has three SCHEDULED exports on OTHER (its queue), at the chosen time; the
        // cancelled one stayed where it was.
        var onOther = await RestTasksAsync("?batchID=nightly&ExporterID=OTHER");
        Assert.Equal(3, onOther.Count);
        Assert.All(onOther, t => Assert.Equal(("SCHEDULED", "Export2"), (t.GetProperty("status").GetString(), t.GetProperty("queue").GetString())));
        Assert.Equal(2, onOther.Count(t => DateTimeOffset.Parse(t.GetProperty("scheduledTime").GetString()!, CultureInfo.InvariantCulture).Year == 2098));
        var cancelled = Assert.Single(await RestTasksAsync("?batchID=nightly&ExporterID=STORESCP"));
        Assert.Equal("CANCELED", cancelled.GetProperty("status").GetString());
        Assert.Single(await RestTasksAsync("?ExporterID=STORESCP&status=SCHEDULED"));

        // No status in the filter: the form asks for it; the cancelled export moves and is SCHEDULED again.
        await page.GotoAsync("/monitoring/export?batchID=nightly");
        await page.GetByText("All actions").ClickAsync();
        await move.GetByLabel("Exporter to move them to").SelectOptionAsync("OTHER");
        await move.GetByLabel("Status of the tasks to move").SelectOptionAsync("CANCELED");
        await move.GetByLabel("Scheduled time (empty: now)").FillAsync("2098-01-01T00:00");
        await move.GetByRole(AriaRole.Button, new() { Name = "Move all matching to exporter" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("1 task moved to OTHER.");
        Assert.Equal("Move every task of export tasks that matches the filter and has the chosen status to the chosen exporter?", dialogs[^1]);
        var moved = (await Store.GetAsync(cancelled.GetProperty("taskID").GetInt64(), CancellationToken.None))!;
        Assert.Equal(("OTHER", "Export2", QueueTaskStatus.Scheduled), (moved.ExporterId, moved.Queue, moved.Status));
        await Assertions.Expect(page.Locator("tbody tr td:nth-child(4)")).ToHaveTextAsync(["OTHER", "OTHER", "OTHER", "OTHER"]);

        // An exporter that is not configured (a stale form): the REST API's words, and nothing moved.
        await page.GetByText("All actions").ClickAsync();
        await page.EvaluateAsync("document.getElementById('all-move-exporter').add(new Option('NOPE', 'NOPE', true, true))");
        await move.GetByRole(AriaRole.Button, new() { Name = "Move all matching to exporter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No such Exporter: NOPE");
        Assert.Equal(4, (await RestTasksAsync("?batchID=nightly&ExporterID=OTHER")).Count);

        // A time the parser refuses (typed where the browser's picker is missing): its words, nothing moved.
        await page.GetByText("All actions").ClickAsync();
        await move.GetByLabel("Exporter to move them to").SelectOptionAsync("STORESCP");
        await page.EvaluateAsync("document.getElementById('all-move-time').type = 'text'");
        await move.GetByLabel("Scheduled time (empty: now)").FillAsync("soon");
        await move.GetByRole(AriaRole.Button, new() { Name = "Move all matching to exporter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("scheduledTime: 'soon' is not a time (yyyyMMddHHmmss or ISO-8601)");
        Assert.Equal(4, (await RestTasksAsync("?batchID=nightly&ExporterID=OTHER")).Count);
    }

    [Fact]
    public async Task OneExportMovesToAnotherExporterFromItsPageAndRunsThere()
    {
        var done = Assert.Single(await BatchTasksAsync("done"));
        var page = await browser.NewPageAsync(Archive.Http.BaseAddress!);
        var dialogs = AcceptDialogs(page);
        await page.GotoAsync($"/monitoring/tasks/{done.TaskId}");
        await page.GetByText("Move to exporter…").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Exporter to move it to")).ToHaveValueAsync("STORESCP");
        await page.GetByLabel("Exporter to move it to").SelectOptionAsync("OTHER");
        await Browser.ScreenshotAsync(page, "task-move-to-exporter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move and schedule now" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {done.TaskId} moved to OTHER.");
        Assert.Equal($"Move task {done.TaskId} to the chosen exporter and schedule it now?", dialogs[^1]);

        // It runs again on OTHER's queue: the study reaches storescp a second time.
        var again = await WaitForStatusAsync(Store, done.TaskId, QueueTaskStatus.Completed);
        Assert.Equal(("OTHER", "Export2"), (again.ExporterId, again.Queue));
        await Assertions.Expect(page.Locator("p.message")).ToHaveCountAsync(1);

        // An IAN task is no export: no such form on its page.
        var ian = await Store.CreateAsync(new NewTask { Queue = "IANSCU", Type = "IAN", ScheduledTime = DateTimeOffset.Parse("2099-01-01T00:00:00Z", CultureInfo.InvariantCulture), StudyInstanceUid = _studyUids[0], LocalAET = "DCM4CHEE", RemoteAET = "IANSCP" }, CancellationToken.None);
        await page.GotoAsync($"/monitoring/tasks/{ian.TaskId}");
        await Assertions.Expect(page.GetByText("Move to exporter…")).ToHaveCountAsync(0);
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

    private async Task<List<JsonElement>> RestTasksAsync(string query) => await RestListAsync("/dcm4chee-arc/monitor/export" + query);

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

    // The task list refreshes every 10 s, the batches every 30 s.
    private static async Task StopAutoRefreshAsync(IPage page) => await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Refresh every (10|30) s$")).UncheckAsync();

    private static ILocator Message(IPage page) => page.Locator("p.message");

    // Accepts every confirmation the page asks; the list holds their questions.
    private static List<string> AcceptDialogs(IPage page)
    {
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        return questions;
    }
}
