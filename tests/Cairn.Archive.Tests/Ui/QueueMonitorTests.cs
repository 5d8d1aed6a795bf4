using System.Globalization;
using System.Net;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Cairn.Archive.Tests.Support.ArchiveRest;
using static Cairn.Archive.Tests.Support.TaskWaits;

namespace Cairn.Archive.Tests.Ui;

/// <summary>
/// Monitoring → Queues and Export, and a task's page, in chromium: filters, count, the per-task icons and the All
/// actions menu, each change checked in the archive's <see cref="TaskStore"/>; errors in the server's words; the
/// link between an export and the IAN task its completion queued.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueMonitorTests(Browser browser)
{
    // Far enough ahead that no worker runs the seeded tasks.
    private static readonly DateTimeOffset Later = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task IanTasksAreFilteredCountedAndRescheduledCancelledAndDeletedOneByOne()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var a = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            a.Add((await store.CreateAsync(Ian("1.2.3.4.100", "B1"), CancellationToken.None)).TaskId);
        }

        await store.CreateAsync(Ian("1.2.3.4.200", "B1"), CancellationToken.None);
        await store.CreateAsync(Export("1.2.3.4.100"), CancellationToken.None);
        var page = await OpenAsync(archive, "/monitoring/queues?queue=Export1");
        var dialogs = AcceptDialogs(page);

        await page.GetByLabel("Queue", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "IAN Tasks" });
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("SCHEDULED");
        await page.GetByLabel("Study Instance UID").FillAsync("1.2.3.4.100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        Assert.Contains("queue=IANSCU", page.Url, StringComparison.Ordinal);
        Assert.Contains("StudyInstanceUID=1.2.3.4.100", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Count" }).ClickAsync();
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("3 tasks match the filter.");
        await Browser.ScreenshotAsync(page, "queues-monitor");

        // Each icon names its action on hover and asks first.
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = $"Cancel task {a[0]}" });
        Assert.Equal($"Cancel task {a[0]}", await cancel.GetAttributeAsync("title"));
        await cancel.ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {a[0]} cancelled.");
        Assert.Equal($"Cancel task {a[0]}?", dialogs[^1]);
        Assert.Equal(QueueTaskStatus.Canceled, (await store.GetAsync(a[0], CancellationToken.None))!.Status);
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync("2 tasks match the filter.");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete task {a[1]}" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {a[1]} deleted.");
        Assert.Equal($"Delete task {a[1]}?", dialogs[^1]);
        Assert.Null(await store.GetAsync(a[1], CancellationToken.None));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Reschedule task {a[2]}" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {a[2]} rescheduled.");
        Assert.True((await store.GetAsync(a[2], CancellationToken.None))!.ScheduledTime < Later.AddYears(-50), "rescheduled to now");

        // Declining the confirmation leaves the task alone.
        var declining = await OpenAsync(archive, "/monitoring/queues?queue=IANSCU&status=CANCELED");
        declining.Dialog += async (_, dialog) => await dialog.DismissAsync();
        await declining.GetByRole(AriaRole.Button, new() { Name = $"Delete task {a[0]}" }).ClickAsync();
        await Task.Delay(300);
        Assert.NotNull(await store.GetAsync(a[0], CancellationToken.None));

        // A filter the parser refuses: its message, in words, next to the field.
        var response = await page.GotoAsync("/monitoring/queues?queue=IANSCU&status=NOPE");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("status: 'NOPE' is not one of SCHEDULED, SCHEDULED FOR RETRY, IN PROCESS, COMPLETED, WARNING, FAILED, CANCELED");
        Assert.Equal("true", await page.GetByLabel("Status", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await page.GotoAsync("/monitoring/queues?queue=NOPE");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No such Queue : NOPE");

        var narrow = await browser.NewPageAsync(archive.Http.BaseAddress!, 420, 800);
        await narrow.GotoAsync("/monitoring/queues?queue=IANSCU");
        await StopAutoRefreshAsync(narrow);
        Assert.True(await narrow.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page fits 420 px (its table scrolls inside)");
        await Browser.ScreenshotAsync(narrow, "queues-narrow");
    }

    [Fact]
    public async Task AllActionsRescheduleCancelAndDeleteEveryMatchingTask()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var store = archive.Services.GetRequiredService<TaskStore>();
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(Ian($"1.2.3.5.{i}", "bulk"), CancellationToken.None);
        }

        for (var i = 0; i < 2; i++)
        {
            await store.CreateAsync(Ian($"1.2.3.6.{i}", "other"), CancellationToken.None);
        }

        var page = await OpenAsync(archive, "/monitoring/queues?queue=IANSCU&batchID=bulk");
        var dialogs = AcceptDialogs(page);
        var menu = page.Locator("details.menu-button");

        // Reschedule with a status chosen (the filter names none) and a time.
        await page.GetByText("All actions").ClickAsync();
        await Browser.ScreenshotAsync(page, "queues-all-actions");
        await page.GetByLabel("Status of the tasks to reschedule").SelectOptionAsync("SCHEDULED");
        await page.GetByLabel("Scheduled time (empty: now)").FillAsync("2098-01-01T00:00");
        await menu.GetByRole(AriaRole.Button, new() { Name = "Reschedule all matching" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("6 tasks rescheduled.");
        Assert.Equal("Reschedule every task of IAN Tasks that matches the filter and has the chosen status?", dialogs[^1]);
        var bulk = await store.ListAsync(new TaskFilter { BatchId = "bulk" }, TaskOrder.Default, 0, 100, CancellationToken.None);
        Assert.All(bulk, t => Assert.Equal(2098, t.ScheduledTime.ToLocalTime().Year));
        Assert.All(await store.ListAsync(new TaskFilter { BatchId = "other" }, TaskOrder.Default, 0, 100, CancellationToken.None), t => Assert.Equal(2099, t.ScheduledTime.Year));

        // Cancel: the filter names the status, and the confirmation how many (all of them are on this page).
        await page.GotoAsync("/monitoring/queues?queue=IANSCU&batchID=bulk&status=SCHEDULED");
        await page.GetByText("All actions").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Cancel all matching" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("6 tasks cancelled.");
        Assert.Equal("Cancel the 6 SCHEDULED tasks of IAN Tasks that match the filter?", dialogs[^1]);
        Assert.Equal(6, await store.CountAsync(new TaskFilter { BatchId = "bulk", Statuses = [QueueTaskStatus.Canceled] }, CancellationToken.None));

        // A bulk cancel of finished tasks: the server's reason, in words.
        await page.GotoAsync("/monitoring/queues?queue=IANSCU&batchID=bulk&status=CANCELED");
        await page.GetByText("All actions").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Cancel all matching" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("status: tasks with status CANCELED are finished and cannot be cancelled");

        await page.GetByText("All actions").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Delete all matching" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("6 tasks deleted.");
        Assert.Equal("Delete the 6 CANCELED tasks of IAN Tasks that match the filter?", dialogs[^1]);
        Assert.Equal(0, await store.CountAsync(new TaskFilter { BatchId = "bulk" }, CancellationToken.None));
        Assert.Equal(2, await store.CountAsync(new TaskFilter { BatchId = "other" }, CancellationToken.None));
        await Assertions.Expect(page.GetByText("No task matches the filter.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnExportAndTheIanTaskItsCompletionQueuedLinkToEachOther()
    {
        using var received = new TemporaryDirectory();
        using var study = new TemporaryDirectory();
        var storePort = FreePort();
        await using var storescp = RunningProcess.Start("storescp", ["-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        // The IAN destination listens nowhere: the IAN task stays open, waiting for its retry.
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, d => d with
        {
            RemoteApplicationEntities =
            [
                new RemoteAE { AETitle = "STORESCP", Hostname = "127.0.0.1", Port = storePort },
                new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = FreePort() },
            ],
        });
        await WaitForPortAsync(storePort);
        const string StudyUid = "1.2.826.0.1.3680043.9.7777.60";
        StudyCopies.Write(study.Path, StudyUid, 2);
        Assert.Equal(0, (await Peers.StoreAsync(archive, Directory.GetFiles(study.Path))).ExitCode);
        using var exported = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{StudyUid}/export/STORESCP", null);
        Assert.Equal(HttpStatusCode.Accepted, exported.StatusCode);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var export = await WaitForSingleAsync(store, new TaskFilter { Type = "EXPORT" });
        await WaitForStatusAsync(store, export.TaskId, QueueTaskStatus.Completed);
        var ian = await WaitForSingleAsync(store, new TaskFilter { Type = "IAN" });

        // Cancelling a finished task is refused, in the server's words.
        var page = await OpenAsync(archive, "/monitoring/export");
        AcceptDialogs(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel task {export.TaskId}" }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync("Cannot cancel Task with status: COMPLETED");
        Assert.Equal(QueueTaskStatus.Completed, (await store.GetAsync(export.TaskId, CancellationToken.None))!.Status);
        await Browser.ScreenshotAsync(page, "export-monitor");

        await page.GetByRole(AriaRole.Link, new() { Name = export.TaskId.ToString(CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Task {export.TaskId}" })).ToBeVisibleAsync();
        await Assertions.Expect(Fact(page, "Outcome")).ToHaveTextAsync("2 of 2 instances sent");
        await Assertions.Expect(Fact(page, "Exporter")).ToHaveTextAsync("STORESCP");
        await page.GetByRole(AriaRole.Link, new() { Name = $"IAN task {ian.TaskId}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Task {ian.TaskId}" })).ToBeVisibleAsync();
        await Assertions.Expect(Fact(page, "Queue")).ToHaveTextAsync("IAN Tasks (IANSCU)");
        await Assertions.Expect(Fact(page, "Remote AET")).ToHaveTextAsync("IANSCP");
        await Assertions.Expect(Fact(page, "Study Instance UID")).ToHaveTextAsync(StudyUid);
        await Browser.ScreenshotAsync(page, "task-detail");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Export task {export.TaskId}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Task {export.TaskId}" })).ToBeVisibleAsync();

        // The same operations on the task's own page; a deleted task's page says so.
        await page.GotoAsync($"/monitoring/tasks/{ian.TaskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {ian.TaskId} cancelled.");
        Assert.Equal(QueueTaskStatus.Canceled, (await store.GetAsync(ian.TaskId, CancellationToken.None))!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(Message(page)).ToHaveTextAsync($"Task {ian.TaskId} deleted.");
        Assert.EndsWith("/monitoring/queues?queue=IANSCU", page.Url, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(ian.TaskId, CancellationToken.None));
        var gone = await page.GotoAsync($"/monitoring/tasks/{ian.TaskId}");
        Assert.Equal(404, gone!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"No such Task : {ian.TaskId}");
    }

    [Fact]
    public async Task AutoRefreshIsLabelledAndStopsReloadingWhenSwitchedOff()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/monitoring/queues");
        var toggle = page.GetByLabel("Refresh every 10 s");
        await Assertions.Expect(toggle).ToBeCheckedAsync();

        // On: the page reloads itself (the interval shortened here so that the test need not wait 10 s).
        var loads = 0;
        page.Load += (_, _) => loads++;
        await page.EvaluateAsync("document.querySelector('[data-auto-refresh]').setAttribute('data-auto-refresh', '0.5')");
        await toggle.UncheckAsync();
        await toggle.CheckAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (loads == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(loads > 0, "the page did not reload while auto-refresh was on");

        // Off: no more reloads, and the choice holds for the next visit.
        await page.EvaluateAsync("document.querySelector('[data-auto-refresh]').setAttribute('data-auto-refresh', '0.5')");
        await toggle.UncheckAsync();
        var before = loads;
        await Task.Delay(2000);
        Assert.Equal(before, loads);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Refresh every 10 s")).Not.ToBeCheckedAsync();
    }

    private static NewTask Ian(string studyUid, string batch) => new()
    {
        Queue = "IANSCU", Type = "IAN", ScheduledTime = Later, StudyInstanceUid = studyUid, BatchId = batch, LocalAET = "DCM4CHEE", RemoteAET = "IANSCP",
    };

    private static NewTask Export(string studyUid) => new()
    {
        Queue = "Export1", Type = "EXPORT", ScheduledTime = Later, StudyInstanceUid = studyUid, ExporterId = "STORESCP", LocalAET = "DCM4CHEE", RemoteAET = "STORESCP",
    };

    // A monitor page with its auto-refresh off, so that no reload comes between a test's steps.
    private async Task<IPage> OpenAsync(TestArchive archive, string path)
    {
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync(path);
        await StopAutoRefreshAsync(page);
        return page;
    }

    private static async Task StopAutoRefreshAsync(IPage page) => await page.GetByLabel("Refresh every 10 s").UncheckAsync();

    private static ILocator Message(IPage page) => page.Locator("p.message");

    // The value of a task page's fact, by its term.
    private static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.facts dt").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{term}$") }).Locator("xpath=following-sibling::dd[1]");

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
