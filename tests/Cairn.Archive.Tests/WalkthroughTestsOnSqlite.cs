using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class WalkthroughTestsOnSqlite() : WalkthroughTests(IndexBackend.Sqlite);
