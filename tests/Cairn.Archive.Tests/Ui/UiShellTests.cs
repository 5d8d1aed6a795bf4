using System.Net;
using Cairn.Archive.Tests.Support;
using Microsoft.Playwright;

namespace Cairn.Archive.Tests.Ui;

/// <summary>What every page shares: the navigation, the assets, and errors in words instead of stack traces.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UiShellTests(Browser browser)
{
    [Fact]
    public async Task AnUnknownPageSaysSoInWordsWithTheNavigationAroundIt()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        Assert.Equal("There is no such page.", (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var link in new[] { "Studies", "Queues", "Export", "Exporters", "Export Rules", "Queue settings", "Application Entities" })
        {
            Assert.Equal(1, await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).CountAsync());
        }

        await Browser.ScreenshotAsync(page, "not-found");
    }

    [Fact]
    public async Task TheStyleSheetIsServedVersionedAndCachedWhileTheApiKeepsItsJsonErrors()
    {
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite);

        using var notFound = await archive.Http.GetAsync("/no-such-page");
        var page = await notFound.Content.ReadAsStringAsync();
        var cssUrl = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/static/cairn\\.css\\?v=[0-9a-f]{12})\"").Groups[1].Value;
        Assert.NotEmpty(cssUrl);
        using var css = await archive.Http.GetAsync(cssUrl);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, cssUrl);
        again.Headers.IfNoneMatch.Add(css.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await archive.Http.SendAsync(again)).StatusCode);

        using var api = await archive.Http.GetAsync("/dcm4chee-arc/devices/no-such-device");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType!.MediaType);
    }
}
