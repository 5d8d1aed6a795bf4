namespace Cairn.Archive.Tests.Support;

/// <summary>The UI tests share one chromium; being one collection, they also run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
