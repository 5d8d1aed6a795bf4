using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class ExportTestsOnPostgreSql() : ExportTests(IndexBackend.PostgreSql);
