using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class ArchiveProcessTestsOnSqlite() : ArchiveProcessTests(IndexBackend.Sqlite);
