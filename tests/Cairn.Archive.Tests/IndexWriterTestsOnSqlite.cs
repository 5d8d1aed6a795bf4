using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class IndexWriterTestsOnSqlite() : IndexWriterTests(IndexBackend.Sqlite);
