using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class ExportTestsOnSqlite() : ExportTests(IndexBackend.Sqlite);
