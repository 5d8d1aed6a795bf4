using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class RestApiTestsOnPostgreSql() : RestApiTests(IndexBackend.PostgreSql);
