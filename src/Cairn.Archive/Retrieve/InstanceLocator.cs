using System.Globalization;
using System.Text;
using Cairn.Archive.Index;
using Dapper;

namespace Cairn.Archive.Retrieve;

/// <summary>Finds the stored instances a retrieve identifier names, with one parameterised query on either database.</summary>
public sealed class InstanceLocator
{
    private readonly IndexDatabase _database;

    public InstanceLocator(IndexDatabase database)
    {
        _database = database;
    }

    /// <summary>The instances matching <paramref name="keys"/>, by study, series and instance number.</summary>
    public async Task<IReadOnlyList<StoredInstance>> FindAsync(RetrieveKeys keys, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT st.study_iuid AS StudyInstanceUid, se.series_iuid AS SeriesInstanceUid, i.sop_cuid AS SopClassUid,
                   i.sop_iuid AS SopInstanceUid, i.transfer_syntax AS TransferSyntaxUid, i.storage_path AS StoragePath,
                   i.size_bytes AS Size, i.sending_aet AS SendingAETitle, COALESCE(se.modality, '') AS Modality
            FROM instance i
            JOIN series se ON se.pk = i.series_fk
            JOIN study st ON st.pk = se.study_fk
            JOIN patient p ON p.pk = st.patient_fk
            WHERE 1 = 1
            """);
        var parameters = new DynamicParameters();
        if (keys.PatientId is { } patientId)
        {
            sql.Append(" AND p.patient_id = @patientId");
            parameters.Add("patientId", patientId);
        }

        In(sql, parameters, "st.study_iuid", "study", keys.StudyInstanceUids);
        In(sql, parameters, "se.series_iuid", "series", keys.SeriesInstanceUids);
        In(sql, parameters, "i.sop_iuid", "sop", keys.SopInstanceUids);
        sql.Append(" ORDER BY st.pk, se.series_no, se.pk, i.instance_no, i.pk");

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<StoredInstance>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows];
        }
    }

    // Parameters spelled out one by one: the same SQL on SQLite and PostgreSQL, no array types.
    private static void In(StringBuilder sql, DynamicParameters parameters, string column, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        sql.Append(CultureInfo.InvariantCulture, $" AND {column} IN (");
        for (var i = 0; i < values.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}");
            sql.Append(i == 0 ? "@" : ", @").Append(name);
            parameters.Add(name, values[i]);
        }

        sql.Append(')');
    }
}
