namespace Cairn.Tools.Tests.Support;

/// <summary>The tests that run the tools share one build of them.</summary>
[CollectionDefinition(Name)]
public sealed class ToolsCollection : ICollectionFixture<ToolsFixture>
{
    public const string Name = "Tools";
}
