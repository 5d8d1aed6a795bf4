using Cairn.Archive.Tests.Support;

namespace Cairn.Archive.Tests;

public sealed class RetrieveTestsOnSqlite() : RetrieveTests(IndexBackend.Sqlite);
