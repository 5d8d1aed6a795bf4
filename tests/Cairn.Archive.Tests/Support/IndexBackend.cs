using Cairn.Archive.Index;
using Cairn.Server;
using Npgsql;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// The database an archive under test keeps its index in. Every integration test class runs once per backend: a
/// fresh SQLite file, or a fresh database on the PostgreSQL server that ./test.sh starts (CAIRN_TEST_POSTGRES).
/// </summary>
public abstract class IndexBackend
{
    public static IndexBackend Sqlite { get; } = new SqliteBackend();

    public static IndexBackend PostgreSql { get; } = new PostgreSqlBackend();

    public abstract string Name { get; }

    /// <summary>Options for a new, empty index in <paramref name="dataDirectory"/> (SQLite) or a new database.</summary>
    public abstract Task<ArchiveOptions> NewIndexAsync(string dataDirectory);

    public override string ToString() => Name;

    private sealed class SqliteBackend : IndexBackend
    {
        public override string Name => "SQLite";

        public override Task<ArchiveOptions> NewIndexAsync(string dataDirectory) =>
            Task.FromResult(new ArchiveOptions { DataDirectory = dataDirectory, Database = DatabaseProvider.Sqlite });
    }

    private sealed class PostgreSqlBackend : IndexBackend
    {
        public override string Name => "PostgreSQL";

        public override async Task<ArchiveOptions> NewIndexAsync(string dataDirectory)
        {
            var server = Environment.GetEnvironmentVariable("CAIRN_TEST_POSTGRES")
                ?? throw new InvalidOperationException(
                    "CAIRN_TEST_POSTGRES is not set: the PostgreSQL tests need a server (./test.sh starts one and sets it, e.g. Host=127.0.0.1;Port=5433;Username=postgres)");
            var name = $"cairn_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = admin.CreateCommand();
                create.CommandText = $"CREATE DATABASE {name}";
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            return new ArchiveOptions { DataDirectory = dataDirectory, Database = DatabaseProvider.PostgreSql, DatabaseUrl = builder.ToString() };
        }
    }
}
