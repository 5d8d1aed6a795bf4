using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class TaskQueueTestsOnPostgreSql() : TaskQueueTests(IndexBackend.PostgreSql);
