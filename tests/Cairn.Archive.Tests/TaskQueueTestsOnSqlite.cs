using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class TaskQueueTestsOnSqlite() : TaskQueueTests(IndexBackend.Sqlite);
