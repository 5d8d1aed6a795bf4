using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class RestApiTestsOnSqlite() : RestApiTests(IndexBackend.Sqlite);
