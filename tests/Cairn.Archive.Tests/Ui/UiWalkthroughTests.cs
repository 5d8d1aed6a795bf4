using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Archive.Tests.Support;
using Microsoft.Playwright;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests.Ui;

/// <summary>
/// The seed's "UI based Export triggered IAN" with the mouse alone, on the archive as a real process with DCMTK's
/// storescu, our storescp and our ianscp: find the study, send its IAN without export, see the IAN task COMPLETED
/// under IAN Tasks and the IAN at ianscp; export it queued to STORESCP and see the export and its IAN; then the
/// monitoring steps (All actions: reschedule, cancel, delete) and an exporter edited into a validation error.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UiWalkthroughTests(Browser browser)
{
    private const string StudyUid = "1.2.826.0.1.3680043.9.7777.91";

    [Fact]
    public async Task ANewcomerDoesTheExportTriggeredIanWalkthroughAndTheMonitoringStepsInChromium()
    {
        using var work = new TemporaryDirectory();
        var (received, ians) = (work.File("received"), work.File("ians"));
        Directory.CreateDirectory(received);
        Directory.CreateDirectory(ians);
        var (storePort, ianPort) = (FreePort(), FreePort());
        await using var storescp = await CairnTools.StartAsync("storescp", "-b", $"STORESCP@127.0.0.1:{storePort}", "--directory", received);
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians);
        await using var archive = await ArchiveProcess.StartAsync(await IndexBackend.Sqlite.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storePort);
            SetRemoteAE(device, "IANSCP", ianPort);
        });
        await WaitForPortAsync(storePort);
        await WaitForPortAsync(ianPort);

        // A modality sends the study (DCMTK's storescu, as the seed's step 1).
        StudyCopies.Write(work.File("study"), StudyUid, 3);
        var store = await Peers.DcmtkAsync("storescu", "-aec", "DCM4CHEE", "-aet", "STORESCU", "+sd", "127.0.0.1", archive.DicomPort.ToString(CultureInfo.InvariantCulture), work.File("study"));
        Assert.Equal(0, store.ExitCode);

        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // Navigation: find the study by the AE that sent it.
        await page.GotoAsync("/");
        await page.GetByLabel("Sending AE").FillAsync("STORESCU");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var exportStudy = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Export study of ") });
        Assert.Equal(1, await exportStudy.CountAsync());
        await Browser.ScreenshotAsync(page, "walkthrough-1-found");

        // Export dialog: exporter STORESCP, "IAN without export".
        await exportStudy.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Exporter").SelectOptionAsync("STORESCP");
        await dialog.GetByLabel("IAN without export").CheckAsync();
        await Browser.ScreenshotAsync(page, "walkthrough-2-ian-without-export");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        Assert.Matches("^IAN task [0-9]+ created on queue IANSCU \\(IAN without export\\)\\.$", (await page.GetByRole(AriaRole.Status).Locator("p").TextContentAsync())?.Trim());

        // Monitoring → Queues → IAN Tasks: COMPLETED, and the IAN is at ianscp.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Queues", Exact = true }).ClickAsync();
        await page.GetByLabel("Queue", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "IAN Tasks" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await WaitForRowsAsync(page, "COMPLETED", 1);
        await Browser.ScreenshotAsync(page, "walkthrough-3-ian-task-completed");
        Assert.Single(Files(ians));
        Assert.Empty(Files(received));

        // Export queued to STORESCP: the export task, then its IAN.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Studies" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Export study of ") }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Exporter").SelectOptionAsync("STORESCP");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        Assert.Matches("^Export task [0-9]+ created on queue Export1\\.$", (await page.GetByRole(AriaRole.Status).Locator("p").TextContentAsync())?.Trim());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).ClickAsync();
        await WaitForRowsAsync(page, "COMPLETED", 1);
        await Browser.ScreenshotAsync(page, "walkthrough-4-export-completed");
        await page.GotoAsync("/monitoring/queues?queue=IANSCU");
        await WaitForRowsAsync(page, "COMPLETED", 2);
        Assert.Equal(3, Files(received).Count);
        Assert.Equal(2, Files(ians).Count);

        // All actions on IAN Tasks: reschedule the COMPLETED ones to next year, cancel them while SCHEDULED, delete them.
        await page.GetByText("All actions").ClickAsync();
        await page.GetByLabel("Status of the tasks to reschedule").SelectOptionAsync("COMPLETED");
        await page.GetByLabel("Scheduled time (empty: now)").FillAsync($"{DateTime.Now.Year + 1}-01-01T08:00");
        await Browser.ScreenshotAsync(page, "walkthrough-5-all-actions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule all matching" }).ClickAsync();
        Assert.All(await TasksAsync(archive.Http, "IANSCU"), t => Assert.Equal("SCHEDULED", t.GetProperty("status").GetString()));

        await page.GetByText("All actions").ClickAsync();
        await page.GetByLabel("Status of the tasks to cancel").SelectOptionAsync("SCHEDULED");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel all matching" }).ClickAsync();
        var canceled = await TasksAsync(archive.Http, "IANSCU");
        Assert.Equal(2, canceled.Count);
        Assert.All(canceled, t => Assert.Equal("CANCELED", t.GetProperty("status").GetString()));
        await Browser.ScreenshotAsync(page, "walkthrough-6-canceled");

        await page.GetByText("All actions").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete all matching" }).ClickAsync();
        Assert.Empty(await TasksAsync(archive.Http, "IANSCU"));
        Assert.Single(await TasksAsync(archive.Http, "Export1"));

        // Configuration → Exporters: an unknown IAN Destination is refused next to its field.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Exporters" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "STORESCP", Exact = true }).ClickAsync();
        await page.GetByLabel("IAN Destination").FillAsync("IANSCP2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("'IANSCP2' is not a configured remote AE", await page.Locator("#f-dcmIanDestination-error").TextContentAsync());
        await Browser.ScreenshotAsync(page, "walkthrough-7-exporter-invalid");
    }

    /// <summary>Reloads the monitor (as its auto-refresh does) until <paramref name="count"/> rows show <paramref name="status"/>.</summary>
    private static async Task WaitForRowsAsync(IPage page, string status, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await page.Locator("tbody tr").Filter(new() { Has = page.Locator($"span.status:text-is('{status}')") }).CountAsync() < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} tasks {status} after {Patience}");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    private static List<string> Files(string folder) => [.. Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.'))];
}
