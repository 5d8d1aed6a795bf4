using System.Data.Common;
using Dapper;

namespace Cairn.Archive.Index;

/// <summary>Removes an instance row and keeps the counts and lists of its series, study and patient true.</summary>
internal static class IndexRemoval
{
    public static async Task RemoveInstanceAsync(DbConnection connection, DbTransaction transaction, long instancePk, DateTimeOffset time)
    {
        var now = IndexTime.Format(time);
        var row = await connection.QuerySingleAsync<(long SeriesPk, long Size)>(new CommandDefinition(
            "SELECT series_fk, size_bytes FROM instance WHERE pk = @instancePk", new { instancePk }, transaction)).ConfigureAwait(false);
        var studyPk = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT study_fk FROM series WHERE pk = @SeriesPk", new { row.SeriesPk }, transaction)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM instance WHERE pk = @instancePk", new { instancePk }, transaction)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE series SET num_instances = num_instances - 1, size_bytes = size_bytes - @Size, updated_time = @now WHERE pk = @SeriesPk",
            new { row.Size, row.SeriesPk, now }, transaction)).ConfigureAwait(false);
        var seriesLeft = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT num_instances FROM series WHERE pk = @SeriesPk", new { row.SeriesPk }, transaction)).ConfigureAwait(false);
        var removedSeries = 0;
        if (seriesLeft == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM series WHERE pk = @SeriesPk", new { row.SeriesPk }, transaction)).ConfigureAwait(false);
            removedSeries = 1;
        }

        var modalities = string.Join('\\', (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT modality FROM series WHERE study_fk = @studyPk AND modality <> ''", new { studyPk }, transaction)).ConfigureAwait(false)).Order(StringComparer.Ordinal));
        var sopClasses = string.Join('\\', (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT i.sop_cuid FROM instance i JOIN series s ON i.series_fk = s.pk WHERE s.study_fk = @studyPk", new { studyPk }, transaction)).ConfigureAwait(false)).Order(StringComparer.Ordinal));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE study SET num_instances = num_instances - 1, num_series = num_series - @removedSeries, size_bytes = size_bytes - @Size,
                modalities = @modalities, sop_classes = @sopClasses, updated_time = @now
            WHERE pk = @studyPk
            """,
            new { removedSeries, row.Size, modalities, sopClasses, now, studyPk }, transaction)).ConfigureAwait(false);
        var study = await connection.QuerySingleAsync<(long Instances, long PatientPk)>(new CommandDefinition(
            "SELECT num_instances, patient_fk FROM study WHERE pk = @studyPk", new { studyPk }, transaction)).ConfigureAwait(false);
        if (study.Instances == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM study WHERE pk = @studyPk", new { studyPk }, transaction)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE patient SET num_studies = num_studies - 1, updated_time = @now WHERE pk = @PatientPk", new { study.PatientPk, now }, transaction)).ConfigureAwait(false);
        }
    }
}
