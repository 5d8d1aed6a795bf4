using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class DcmjsPeerTestsOnSqlite() : DcmjsPeerTests(IndexBackend.Sqlite);
