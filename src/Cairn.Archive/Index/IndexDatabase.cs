using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cairn.Archive.Index;

/// <summary>
/// Opens connections to the index, SQLite or PostgreSQL, each set up the same way. SQLite runs in WAL mode so that
/// queries read while the writer writes; writes go through one IndexWriter in any case.
/// </summary>
public sealed class IndexDatabase : IAsyncDisposable
{
    private const int SqliteFull = 13;

    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    private IndexDatabase(DatabaseProvider provider, string? sqlite, NpgsqlDataSource? postgres)
    {
        Provider = provider;
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>An index in the SQLite file at <paramref name="path"/> (made when missing).</summary>
    public static IndexDatabase Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new IndexDatabase(DatabaseProvider.Sqlite, builder.ToString(), null);
    }

    /// <summary>An index in the PostgreSQL database <paramref name="connectionString"/> names.</summary>
    public static IndexDatabase PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        return new IndexDatabase(DatabaseProvider.PostgreSql, null, NpgsqlDataSource.Create(builder));
    }

    /// <summary>An open connection, set up for the index.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqlite);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // WAL: readers do not wait for the writer. synchronous=FULL: a committed row survives a power cut, as the
            // C-STORE-RSP that follows it promises.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether <paramref name="error"/> says the database's disk is full (SQLITE_FULL; PostgreSQL's disk_full).</summary>
    public static bool IsOutOfSpace(Exception error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        _ => error.InnerException is { } inner && IsOutOfSpace(inner),
    };

    /// <summary>SQL spelled for this database: <paramref name="sqlite"/> or <paramref name="postgres"/>.</summary>
    public string Dialect(string sqlite, string postgres) => Provider == DatabaseProvider.Sqlite ? sqlite : postgres;

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            // Pooled SQLite connections keep the file open (and its WAL); let this index's go.
            await using var connection = new SqliteConnection(_sqlite);
            SqliteConnection.ClearPool(connection);
        }
    }
}
