using System.Globalization;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests.Ui;

/// <summary>
/// The study browser in chromium: studies stored with DCMTK storescu are found by patient name wildcard, date range
/// and modality, paged, expanded into series and instances; and the export dialog queues exports, IAN without
/// export, sends at once to a running storescp, and shows the archive's refusals in words.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudyBrowserTests(Browser browser)
{
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    private const string MrStudy = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";

    [Fact]
    public async Task FindsStoredStudiesByNameWildcardDateRangeAndModalityAndExpandsThemToInstances()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        await StoreCorpusAsync(archive);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);

        await page.GotoAsync("/");
        Assert.EndsWith("/studies", page.Url, StringComparison.Ordinal);
        Assert.Equal("Studies 1–2 of 2", await Count(page));
        await Browser.ScreenshotAsync(page, "studies");

        await page.GetByLabel("Patient name").FillAsync("compressed*mr?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Equal("Studies 1–1 of 1", await Count(page));
        Assert.Equal(["CompressedSamples^MR1"], await PatientNames(page));
        Assert.Contains("PatientName=compressed", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("/studies");
        await page.GetByLabel("Study date from").FillAsync("2004-01-01");
        await page.GetByLabel("Study date to").FillAsync("2004-02-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Equal(["CompressedSamples^CT1"], await PatientNames(page));

        await page.GotoAsync("/studies");
        await page.GetByLabel("Modality").FillAsync("MR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Equal(["CompressedSamples^MR1"], await PatientNames(page));

        await page.GotoAsync("/studies?SendingAET=STORESCU&AccessionNumber=nothing-like-this");
        Assert.Equal("No studies", await Count(page));
        await page.GotoAsync("/studies?SendingAET=STORESCU");
        Assert.Equal("Studies 1–2 of 2", await Count(page));
        Assert.Equal(2, await page.GetByRole(AriaRole.Cell, new() { Name = "STORESCU", Exact = true }).CountAsync());

        // Expand the CT study (keyboard: a link), then its series.
        var expand = page.GetByRole(AriaRole.Link, new() { Name = "Show series of CompressedSamples^CT1 2004-01-19" });
        await expand.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var series = page.GetByRole(AriaRole.Table, new() { Name = "Series of CompressedSamples^CT1 2004-01-19" });
        await series.WaitForAsync();
        Assert.Contains($"expand={CtStudy}", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await series.GetByRole(AriaRole.Row).CountAsync() - 1);
        Assert.Equal("true", await page.GetByRole(AriaRole.Link, new() { Name = "Hide series of CompressedSamples^CT1 2004-01-19" }).GetAttributeAsync("aria-expanded"));
        await series.GetByRole(AriaRole.Link, new() { Name = "Show instances of series 1 CT" }).ClickAsync();
        var instances = page.GetByRole(AriaRole.Table, new() { Name = "Instances of series 1 CT" });
        await instances.WaitForAsync();
        Assert.Equal("CT Image Storage", (await instances.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).Nth(1).TextContentAsync())?.Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Export instance 1 of series 1 CT" }).CountAsync());
        await Browser.ScreenshotAsync(page, "studies-expanded");
    }

    [Fact]
    public async Task PagesThroughMoreStudiesThanAPageAndSaysWhatIsWrongWithAField()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        using var folder = new TemporaryDirectory();
        for (var i = 1; i <= 23; i++)
        {
            StudyCopies.Write(Path.Combine(folder.Path, i.ToString(CultureInfo.InvariantCulture)), $"1.2.826.0.1.3680043.9.7777.60.{i}", 1);
        }

        Assert.Equal(0, (await Peers.StoreAsync(archive, folder.Path)).ExitCode);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/studies");
        Assert.Equal("Studies 1–20 of 23", await Count(page));
        Assert.Equal(20, (await PatientNames(page)).Count);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
        Assert.Equal("Studies 21–23 of 23", await Count(page));
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).CountAsync());
        await page.GetByLabel("Page size").SelectOptionAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Equal("Studies 1–23 of 23", await Count(page));

        // A field that cannot be used says why next to it.
        await page.GotoAsync("/studies?from=19.01.2004");
        Assert.Equal("'19.01.2004' is not a date (yyyy-mm-dd)", (await page.Locator("#q-from-error").TextContentAsync())?.Trim());
        Assert.Equal("true", await page.GetByLabel("Study date from").GetAttributeAsync("aria-invalid"));
    }

    [Fact]
    public async Task ExportsTwoSelectedStudiesQueuedAndOneStudyAsIanWithoutExport()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, d => Destinations(d, FreePort(), FreePort()));
        await StoreCorpusAsync(archive);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/studies");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all studies on this page" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Export selected…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Export" });
        Assert.Equal("2 selected studies", await dialog.GetByLabel("What to export").InputValueAsync());
        await dialog.GetByLabel("Exporter").SelectOptionAsync("STORESCP");
        await dialog.GetByLabel("Batch ID (optional)").FillAsync("UI-1");
        await Browser.ScreenshotAsync(page, "studies-export-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();

        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "tasks created" });
        Assert.Equal("2 export tasks created on queue Export1.", (await status.Locator("p").TextContentAsync())?.Trim());
        Assert.Equal("/monitoring/queues?queue=Export1&batchID=UI-1", await status.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        var store = archive.Services.GetRequiredService<TaskStore>();
        var exports = await store.ListAsync(new TaskFilter { Type = "EXPORT", BatchId = "UI-1" }, TaskOrder.Default, 0, 10, CancellationToken.None);
        Assert.Equal([CtStudy, MrStudy], exports.Select(t => t.StudyInstanceUid).Order(StringComparer.Ordinal));
        await Browser.ScreenshotAsync(page, "studies-export-queued");

        // Back to the studies; one study, IAN without export.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the studies" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Export study of CompressedSamples^MR1 2004-08-26" }).ClickAsync();
        Assert.Equal("Study of CompressedSamples^MR1 2004-08-26", await dialog.GetByLabel("What to export").InputValueAsync());
        await dialog.GetByLabel("IAN without export").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        var ianStatus = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "IAN" });
        var text = (await ianStatus.Locator("p").TextContentAsync())?.Trim();
        var ian = Assert.Single(await store.ListAsync(new TaskFilter { Type = "IAN" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal($"IAN task {ian.TaskId} created on queue IANSCU (IAN without export).", text);
        Assert.Equal($"/monitoring/tasks/{ian.TaskId}", await ianStatus.GetByRole(AriaRole.Link, new() { Name = $"Task {ian.TaskId}" }).GetAttributeAsync("href"));
        Assert.Equal(MrStudy, ian.StudyInstanceUid);
        Assert.Equal("IANSCP", ian.RemoteAET);
        Assert.Equal(2, (await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None)).Count);
        await Browser.ScreenshotAsync(page, "studies-export-ian");
    }

    [Fact]
    public async Task SendsAStudyAtOnceToARunningStorescpAndShowsTheCount()
    {
        using var received = new TemporaryDirectory();
        var storePort = FreePort();
        await using var storescp = RunningProcess.Start("storescp", ["-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, d => Destinations(d, storePort, FreePort()));
        await StoreCorpusAsync(archive);
        await WaitForPortAsync(storePort);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/studies");

        await page.GetByRole(AriaRole.Link, new() { Name = "Export study of CompressedSamples^CT1 2004-01-19" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Export" });
        await dialog.GetByLabel("Exporter").SelectOptionAsync("dicom:STORESCP");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();

        Assert.Equal("Sent to STORESCP: 1 completed.", (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sent to" }).TextContentAsync())?.Trim());
        Assert.Single(Directory.GetFiles(received.Path));
        Assert.Empty(await archive.Services.GetRequiredService<TaskStore>().ListAsync(new TaskFilter(), TaskOrder.Default, 0, 10, CancellationToken.None));
        await Browser.ScreenshotAsync(page, "studies-export-sent");
    }

    [Fact]
    public async Task ShowsTheArchivesRefusalInWords()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, d => Destinations(d, FreePort(), FreePort()));
        await StoreCorpusAsync(archive);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/studies");
        await page.GetByRole(AriaRole.Link, new() { Name = "Export study of CompressedSamples^CT1 2004-01-19" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Export" });
        await dialog.GetByLabel("Exporter").SelectOptionAsync("STORESCP");

        // Someone removes the exporter while the dialog is open.
        await archive.Configuration.UpdateAsync(d => d with { Archive = d.Archive with { Exporters = [] } }, CancellationToken.None);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        Assert.Equal("The archive refused the export: No such Exporter: STORESCP", (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
        await Browser.ScreenshotAsync(page, "studies-export-refused");

        // The export page works as a plain form too (no dialog): an immediate send cannot be scheduled.
        await page.GotoAsync($"/studies/export?scope=study&studyUid={CtStudy}");
        await page.GetByLabel("Exporter").SelectOptionAsync("dicom:STORESCP");
        await page.GetByLabel("Scheduled time (optional, archive's local time)").FillAsync("2030-01-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        Assert.Equal(
            "The archive refused the export: scheduledTime cannot be used with dicom:STORESCP: it is sent at once; use a configured exporter to schedule an export",
            (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
        Assert.Empty(await archive.Services.GetRequiredService<TaskStore>().ListAsync(new TaskFilter(), TaskOrder.Default, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ANarrowWindowHasNoHorizontalPageScroll()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        await StoreCorpusAsync(archive);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!, 420, 800);
        await page.GotoAsync($"/studies?expand={CtStudy}");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(-8).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' ')");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window: {wide}");
        var form = await page.GetByRole(AriaRole.Search, new() { Name = "Search studies" }).BoundingBoxAsync();
        Assert.True(form!.X + form.Width <= 420, $"the search form ends at {form.X + form.Width} px");
        await Browser.ScreenshotAsync(page, "studies-narrow");
    }

    private static async Task StoreCorpusAsync(TestArchive archive)
    {
        var stored = await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"), Corpus.PathOf("test_files/MR_small.dcm"));
        Assert.True(stored.ExitCode == 0, stored.ToString());
    }

    private static ArchiveDevice Destinations(ArchiveDevice device, int storePort, int ianPort) => device with
    {
        RemoteApplicationEntities =
        [
            new RemoteAE { AETitle = "STORESCP", Hostname = "127.0.0.1", Port = storePort, Description = "storescp" },
            new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = ianPort, Description = "ianscp" },
        ],
    };

    private static async Task<string> Count(IPage page) => (await page.Locator("#study-count").TextContentAsync())?.Trim() ?? "";

    private static async Task<List<string>> PatientNames(IPage page)
    {
        var names = new List<string>();
        foreach (var row in await page.Locator("table[aria-describedby='study-count'] > tbody > tr:not(.nested)").AllAsync())
        {
            names.Add((await row.Locator("td").Nth(2).TextContentAsync())?.Trim() ?? "");
        }

        return names;
    }
}
