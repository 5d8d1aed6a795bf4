using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class AuditTestsOnSqlite() : AuditTests(IndexBackend.Sqlite);
