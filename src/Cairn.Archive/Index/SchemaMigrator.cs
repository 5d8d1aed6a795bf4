using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Index;

/// <summary>
/// Brings the index up to <see cref="Schema.LatestVersion"/>, one step per transaction, recording each in
/// <c>schema_version</c>. Forward only: an index written by a newer Cairn is refused, not touched. On PostgreSQL an
/// advisory lock keeps two archives starting at once from migrating together.
/// </summary>
public sealed partial class SchemaMigrator
{
    private const long PostgresLockKey = 0x4361_6972_6E49_6478; // "CairnIdx"

    private readonly IndexDatabase _database;
    private readonly ILogger _logger;

    public SchemaMigrator(IndexDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>Applies what is missing; returns the version the index is at.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_time TEXT NOT NULL)",
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        var current = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (current > Schema.LatestVersion)
        {
            throw new InvalidOperationException(
                $"the index is at schema version {current}, written by a newer Cairn; this one knows versions up to {Schema.LatestVersion} and will not touch it");
        }

        foreach (var migration in Schema.Migrations.Where(m => m.Version > current))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_database.Provider == DatabaseProvider.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            // Another archive may have applied it while this one waited for the lock.
            if (await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) >= migration.Version)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var sql = _database.Dialect(migration.Sqlite, migration.PostgreSql);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, description, applied_time) VALUES (@Version, @Description, @time)",
                new { migration.Version, migration.Description, time = IndexTime.Format(DateTimeOffset.UtcNow) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(migration.Version, migration.Description);
        }

        return Schema.LatestVersion;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Index schema migrated to version {Version}: {Description}")]
    private partial void LogMigrated(int version, string description);
}
