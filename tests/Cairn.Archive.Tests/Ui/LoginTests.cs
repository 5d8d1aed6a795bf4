using Cairn.Archive.Tests.Support;
using Microsoft.Playwright;

namespace Cairn.Archive.Tests.Ui;

/// <summary>The UI with the security file: the login page, what a viewer may not do, and signing out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginTests(Browser browser)
{
    [Fact]
    public async Task AViewerSignsInIsRefusedAConfigurationChangeInWordsAndSignsOut()
    {
        using var identity = new TestIdentity();
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { SecurityFile = identity.SecurityFile });
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/configuration/exporters");
        Assert.EndsWith("/login?returnUrl=%2Fconfiguration%2Fexporters", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Name").FillAsync("viewer1");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Equal("The name or the password is not right.", (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
        await Browser.ScreenshotAsync(page, "login-failed");

        await page.GetByLabel("Password").FillAsync("secret-viewer1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.EndsWith("/configuration/exporters", page.Url, StringComparison.Ordinal);
        Assert.Equal("viewer1", await page.Locator("header form.user span").TextContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete exporter STORESCP" }).ClickAsync();
        Assert.Equal("viewer1 may not change the configuration: it needs the role admin", (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
        Assert.NotNull(archive.Configuration.Current.Archive.FindExporter("STORESCP"));
        await Browser.ScreenshotAsync(page, "login-forbidden");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/configuration/exporters");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        // An administrator finds the refused attempt and the logins in the audit record; no password is in it.
        await page.GetByLabel("Name").FillAsync("admin1");
        await page.GetByLabel("Password").FillAsync("secret-admin1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await page.GetByLabel("User").FillAsync("viewer1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("configuration", StringComparison.Ordinal) && r.Contains("failure (403)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("login", StringComparison.Ordinal) && r.Contains("name=viewer1", StringComparison.Ordinal) && r.Contains("failure (401)", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("secret", StringComparison.Ordinal) || r.Contains("wrong", StringComparison.Ordinal));
        await Browser.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task AnOperatorSignsInThroughTheIdentityProviderAndGetsTheRolesItGives()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.Account = ("oidc-operator", ["operator", "offline_access"]);
        using var folder = new TemporaryDirectory();
        await using var archive = await TestArchive.StartAsync(IndexBackend.Sqlite, options: o => o with { SecurityFile = provider.WriteSecurityFile(folder.File("security.json")) });
        var page = await browser.NewPageAsync(archive.Http.BaseAddress!);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/configuration/exporters");
        await Browser.ScreenshotAsync(page, "login-provider");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with the identity provider" }).ClickAsync();

        Assert.EndsWith("/configuration/exporters", page.Url, StringComparison.Ordinal);
        Assert.Equal("oidc-operator", await page.Locator("header form.user span").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete exporter STORESCP" }).ClickAsync();
        Assert.Equal("oidc-operator may not change the configuration: it needs the role admin", (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
    }
}
