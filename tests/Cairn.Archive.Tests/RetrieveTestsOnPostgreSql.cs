using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class RetrieveTestsOnPostgreSql() : RetrieveTests(IndexBackend.PostgreSql);
