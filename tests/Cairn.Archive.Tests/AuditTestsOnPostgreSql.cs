using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class AuditTestsOnPostgreSql() : AuditTests(IndexBackend.PostgreSql);
