using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class ArchiveProcessTestsOnPostgreSql() : ArchiveProcessTests(IndexBackend.PostgreSql);
