using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class QueryTestsOnSqlite() : QueryTests(IndexBackend.Sqlite);
