using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class FullDiskTestsOnPostgreSql() : FullDiskTests(IndexBackend.PostgreSql);
