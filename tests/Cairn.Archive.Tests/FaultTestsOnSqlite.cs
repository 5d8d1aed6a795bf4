using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class FaultTestsOnSqlite() : FaultTests(IndexBackend.Sqlite);
