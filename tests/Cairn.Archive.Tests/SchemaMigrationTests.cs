using Cairn.Archive.Index;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Archive.Tests;

/// <summary>Forward migrations of an index made by an older Cairn: what it held is kept.</summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task ASqliteIndexOfVersion4KeepsItsTasksAndTheirIdsAndNoLongerReusesTheNewestId()
    {
        using var folder = new TemporaryDirectory();
        await using var database = IndexDatabase.Sqlite(Path.Combine(folder.Path, "index.sqlite"));
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            // The index as versions up to 4 left it, with three tasks of which the newest was deleted.
            await connection.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_time TEXT NOT NULL)");
            foreach (var migration in Schema.Migrations.Where(m => m.Version <= 4))
            {
                await connection.ExecuteAsync(migration.Sqlite);
                await connection.ExecuteAsync("INSERT INTO schema_version VALUES (@Version, @Description, '2026-11-01T00:00:00.000Z')", new { migration.Version, migration.Description });
            }

            for (var i = 1; i <= 3; i++)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO task (device_name, queue_name, task_type, status, failures, created_time, updated_time, scheduled_time, study_iuid, caused_by_fk)
                    VALUES ('dcm4chee-arc', 'Export1', 'EXPORT', 'COMPLETED', 0, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', @study, NULL)
                    """,
                    new { study = $"1.2.3.{i}" });
            }

            await connection.ExecuteAsync("DELETE FROM task WHERE pk = 3");
        }

        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal([(1L, "1.2.3.1"), (2L, "1.2.3.2")], (await connection.QueryAsync<(long, string)>("SELECT pk, study_iuid FROM task ORDER BY pk")).ToList());
            var indexes = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' AND name NOT LIKE 'sqlite_%' ORDER BY name")).ToList();
            Assert.Equal(["task_batch_idx", "task_caused_by_idx", "task_created_idx", "task_due_idx", "task_study_idx", "task_type_status_idx", "task_type_updated_idx", "task_updated_idx"], indexes);

            await connection.ExecuteAsync("DELETE FROM task WHERE pk = 2");
            var next = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO task (device_name, queue_name, task_type, status, failures, created_time, updated_time, scheduled_time)
                VALUES ('dcm4chee-arc', 'Export1', 'EXPORT', 'SCHEDULED', 0, '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z')
                RETURNING pk
                """);
            // Not 2 again; 3 went before the migration, when nothing recorded it.
            Assert.Equal(3, next);
            Assert.Equal(Schema.LatestVersion, await connection.ExecuteScalarAsync<int>("SELECT MAX(version) FROM schema_version"));
        }
    }
}
