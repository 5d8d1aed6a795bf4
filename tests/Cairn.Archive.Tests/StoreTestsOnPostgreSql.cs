using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class StoreTestsOnPostgreSql() : StoreTests(IndexBackend.PostgreSql);
