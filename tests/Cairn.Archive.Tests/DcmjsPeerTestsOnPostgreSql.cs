using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class DcmjsPeerTestsOnPostgreSql() : DcmjsPeerTests(IndexBackend.PostgreSql);
