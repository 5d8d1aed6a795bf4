using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class IndexWriterTestsOnPostgreSql() : IndexWriterTests(IndexBackend.PostgreSql);
