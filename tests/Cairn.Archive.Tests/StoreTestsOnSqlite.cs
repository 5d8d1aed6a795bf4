using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class StoreTestsOnSqlite() : StoreTests(IndexBackend.Sqlite);
