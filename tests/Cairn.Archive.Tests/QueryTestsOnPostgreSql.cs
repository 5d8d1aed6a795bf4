using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class QueryTestsOnPostgreSql() : QueryTests(IndexBackend.PostgreSql);
