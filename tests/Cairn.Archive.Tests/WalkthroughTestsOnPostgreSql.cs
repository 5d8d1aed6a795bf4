using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class WalkthroughTestsOnPostgreSql() : WalkthroughTests(IndexBackend.PostgreSql);
