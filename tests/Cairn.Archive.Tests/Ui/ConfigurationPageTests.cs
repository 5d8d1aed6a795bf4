using Cairn.Archive.Configuration;
using Cairn.Archive.Tests.Support;
using Microsoft.Playwright;

namespace Cairn.Archive.Tests.Ui;

/// <summary>
/// The configuration pages in chromium: exporters with their IAN settings, export rules with the dry run, queues and
/// remote AEs; each change validated as a whole, its problems next to the field, nothing saved until all is right.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfigurationPageTests(Browser browser)
{
    [Fact]
    public async Task AnExporterEditedWithAnUnknownIanDestinationShowsTheProblemsNextToTheFieldsAndSavesOnlyOnceCorrected()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        var version = archive.Configuration.Version;

        await page.GotoAsync("/configuration/exporters");
        await Browser.ScreenshotAsync(page, "configuration-exporters");
        await page.GetByRole(AriaRole.Link, new() { Name = "STORESCP", Exact = true }).ClickAsync();
        await page.GetByLabel("IAN Destination").FillAsync("NOSUCHAE");
        await page.GetByLabel("Retrieve AE Title").FillAsync("MUCH_TOO_LONG_AE_TITLE");
        await page.GetByLabel("Instance Availability").SelectOptionAsync("NEARLINE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        Assert.Equal("'NOSUCHAE' is not a configured remote AE", await page.Locator("#f-dcmIanDestination-error").TextContentAsync());
        Assert.Equal("'MUCH_TOO_LONG_AE_TITLE' is longer than 16 characters", await page.Locator("#f-dcmRetrieveAET-error").TextContentAsync());
        Assert.Equal("true", await page.GetByLabel("IAN Destination").GetAttributeAsync("aria-invalid"));
        Assert.Equal("NOSUCHAE", await page.GetByLabel("IAN Destination").InputValueAsync());
        Assert.Equal("NEARLINE", await page.GetByLabel("Instance Availability").InputValueAsync());
        Assert.Contains("not saved", await page.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(version, archive.Configuration.Version);
        await Browser.ScreenshotAsync(page, "configuration-exporter-invalid");

        await page.GetByLabel("IAN Destination").FillAsync("IANSCP");
        await page.GetByLabel("Retrieve AE Title").FillAsync("DCM4CHEE, ARCHIVE2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        Assert.Equal("Exporter STORESCP saved.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        var saved = archive.Configuration.Current.Archive.FindExporter("STORESCP")!;
        Assert.Equal(["IANSCP"], saved.IanDestinations);
        Assert.Equal(["DCM4CHEE", "ARCHIVE2"], saved.RetrieveAETitles);
        Assert.Equal("NEARLINE", saved.InstanceAvailability);
        Assert.Equal(version + 1, archive.Configuration.Version);
        await Browser.ScreenshotAsync(page, "configuration-exporter-saved");
    }

    [Fact]
    public async Task ANewExporterIsAddedAndAnExporterStillNamedByARuleCannotBeDeleted()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, device => device with
        {
            Archive = device.Archive with { ExportRules = [new ExportRule { Name = "CT", Entity = "Study", ExporterIds = ["STORESCP"] }] },
        });
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/configuration/exporters");
        await page.GetByRole(AriaRole.Link, new() { Name = "New exporter" }).ClickAsync();
        await page.GetByLabel("Exporter ID *").FillAsync("IAN-ONLY");
        await page.GetByLabel("URI *").FillAsync("noop:ian");
        await page.GetByLabel("IAN Destination").FillAsync("IANSCP");
        await page.GetByLabel("Queue").SelectOptionAsync("Export1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("Exporter IAN-ONLY saved.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        Assert.Equal("noop:ian", archive.Configuration.Current.Archive.FindExporter("IAN-ONLY")!.Uri);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete exporter STORESCP" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).TextContentAsync();
        Assert.Contains("'STORESCP' is not a configured exporter", alert, StringComparison.Ordinal);
        Assert.NotNull(archive.Configuration.Current.Archive.FindExporter("STORESCP"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete exporter IAN-ONLY" }).ClickAsync();
        Assert.Equal("Exporter IAN-ONLY deleted.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        Assert.Null(archive.Configuration.Current.Archive.FindExporter("IAN-ONLY"));
    }

    [Fact]
    public async Task AnExportRuleIsWrittenInTheFormAndItsDryRunNamesTheExportOfAStoredStudy()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        using var work = new TemporaryDirectory();
        StudyCopies.Write(work.File("study"), "1.2.826.0.1.3680043.9.7777.61", 3);
        Assert.Equal(0, (await Peers.StoreAsync(archive, work.File("study"))).ExitCode);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);

        await page.GotoAsync("/configuration/export-rules");
        await page.GetByRole(AriaRole.Link, new() { Name = "New export rule" }).ClickAsync();
        await page.GetByLabel("Name *").FillAsync("From the modality");
        await page.GetByLabel("Exporters *").FillAsync("STORESCP");
        await page.GetByLabel("Conditions").FillAsync("SendingApplicationEntityTitle=STORESCU\nModality");
        await page.GetByLabel("Delay").FillAsync("one minute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("'Modality' is not key=pattern or key!=pattern", await page.Locator("#f-dcmProperty-error").TextContentAsync());
        Assert.Contains("one minute", await page.Locator("#f-dcmDuration-error").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(archive.Configuration.Current.Archive.ExportRules);
        await Browser.ScreenshotAsync(page, "configuration-export-rule-invalid");

        await page.GetByLabel("Conditions").FillAsync("SendingApplicationEntityTitle=STORESCU");
        await page.GetByLabel("Delay").FillAsync("PT1M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("Export rule From the modality saved.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        var rule = Assert.Single(archive.Configuration.Current.Archive.ExportRules);
        Assert.Equal(("From the modality", "PT1M"), (rule.Name, rule.Duration));
        Assert.Equal(["SendingApplicationEntityTitle=STORESCU"], rule.Conditions);

        await page.GetByLabel("Study Instance UID").FillAsync("1.2.826.0.1.3680043.9.7777.61");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Region, new() { Name = "Dry run result" });
        Assert.Equal("1 export of study 1.2.826.0.1.3680043.9.7777.61 (3 instances):", (await result.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        var cells = await result.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).AllTextContentsAsync();
        Assert.Equal(["STORESCP", "Study", "*", "*", "Export1", "STORESCP"], cells.Take(6));
        Assert.Equal(["3", "From the modality"], cells.Skip(7));
        await Browser.ScreenshotAsync(page, "configuration-export-rules-dry-run");

        await page.GetByLabel("Study Instance UID").FillAsync("1.2.3.4.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        Assert.Equal("No such study: 1.2.3.4.5", await page.Locator("#dry-study-error").TextContentAsync());
    }

    [Fact]
    public async Task ASecondRuleWithTheNameOfAnotherIsRefusedAsTheNameTellsRulesApart()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, device => device with
        {
            Archive = device.Archive with { ExportRules = [new ExportRule { Name = "CT", Entity = "Study", ExporterIds = ["STORESCP"] }] },
        });
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);

        await page.GotoAsync("/configuration/export-rules/edit");
        await page.GetByLabel("Name *").FillAsync("CT");
        await page.GetByLabel("Exporters *").FillAsync("STORESCP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        Assert.Equal("'CT' is given twice", await page.Locator("#f-cn-error").TextContentAsync());
        Assert.Single(archive.Configuration.Current.Archive.ExportRules);
    }

    [Fact]
    public async Task AQueueSettingThatIsNotANumberOrOutOfRangeIsShownBackWithItsProblem()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);

        await page.GotoAsync("/configuration/queues");
        await Browser.ScreenshotAsync(page, "configuration-queues");
        await page.GetByRole(AriaRole.Link, new() { Name = "Export1", Exact = true }).ClickAsync();
        await page.GetByLabel("Tasks at once").FillAsync("0");
        await page.GetByLabel("Retry delay", new() { Exact = true }).FillAsync("soon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("0 is not between 1 and 100", await page.Locator("#f-dcmMaxTasksParallel-error").TextContentAsync());
        Assert.Contains("soon", await page.Locator("#f-dcmRetryDelay-error").TextContentAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Retry delay", new() { Exact = true }).FillAsync("PT10S");
        await page.GetByLabel("Tasks at once").FillAsync("3");
        await page.GetByLabel("Keep completed tasks").FillAsync("P7D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("Queue Export1 saved.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        var queue = archive.Configuration.Current.Archive.FindQueue("Export1")!;
        Assert.Equal((3, "PT10S", "P7D"), (queue.MaxTasksParallel, queue.RetryDelay, queue.PurgeCompletedDelay));
    }

    [Fact]
    public async Task ARemoteAEIsRegisteredChangedAndDeletedButOneAnExporterNamesIsKept()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/configuration/aes");
        await page.GetByRole(AriaRole.Link, new() { Name = "New remote AE" }).ClickAsync();
        await page.GetByLabel("AE title *").FillAsync("PACS2");
        await page.GetByLabel("Host *").FillAsync("pacs2.example.org");
        await page.GetByLabel("Port *").FillAsync("70000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.NotNull(await page.Locator("#f-dicomPort-error").TextContentAsync());
        Assert.Null(archive.Configuration.Current.FindRemoteAE("PACS2"));

        await page.GetByLabel("Port *").FillAsync("104");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal("Remote AE PACS2 saved.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        Assert.Equal(("pacs2.example.org", 104), (archive.Configuration.Current.FindRemoteAE("PACS2")!.Hostname, archive.Configuration.Current.FindRemoteAE("PACS2")!.Port));
        await Browser.ScreenshotAsync(page, "configuration-aes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete remote AE STORESCP" }).ClickAsync();
        Assert.Contains("names AE 'STORESCP', which is not a configured remote AE", await page.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        Assert.NotNull(archive.Configuration.Current.FindRemoteAE("STORESCP"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete remote AE PACS2" }).ClickAsync();
        Assert.Equal("Remote AE PACS2 deleted.", (await page.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        Assert.Null(archive.Configuration.Current.FindRemoteAE("PACS2"));
    }

    [Fact]
    public async Task AFormSavedAfterSomeoneElseChangedTheConfigurationIsRefusedAsAConflict()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        await page.GotoAsync("/configuration/exporters/edit/STORESCP");

        await archive.Configuration.UpdateAsync(device => device with { Description = "changed elsewhere" }, CancellationToken.None);
        await page.GetByLabel("Description").FillAsync("mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        Assert.Contains("changed by someone else", await page.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        Assert.NotEqual("mine", archive.Configuration.Current.Archive.FindExporter("STORESCP")!.Description);
    }

    [Fact]
    public async Task TheExporterFormFitsANarrowWindowWithoutScrollingSideways()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!, 420, 800);

        await page.GotoAsync("/configuration/exporters/edit/STORESCP");

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Browser.ScreenshotAsync(page, "configuration-exporter-narrow");
    }
}
