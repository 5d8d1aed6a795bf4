using System.Data.Common;

namespace Cairn.Archive.Index;

/// <summary>
/// The index writer's statements, made once per connection and reused for every instance: a reused command keeps
/// its prepared statement (SQLite) and spares the per-call setup a fresh command costs, which at hundreds of
/// instances a second is most of the writer's CPU.
/// </summary>
internal sealed class InstanceIndexCommands : IAsyncDisposable
{
    private readonly DbCommand[] _all;

    private InstanceIndexCommands(DbConnection connection)
    {
        Connection = connection;
        // With the study and series it sits in: a replacement reports them (dcmExportPreviousEntity).
        SelectInstance = Make(
            """
            SELECT i.pk, i.storage_path, i.sending_aet, s.series_iuid, st.study_iuid
            FROM instance i JOIN series s ON i.series_fk = s.pk JOIN study st ON s.study_fk = st.pk
            WHERE i.sop_iuid = @sop
            """,
            "sop");
        SelectPatient = Make("SELECT pk FROM patient WHERE patient_key = @key", "key");
        InsertPatient = Make(
            """
            INSERT INTO patient (patient_key, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, num_studies, attributes, created_time, updated_time)
            VALUES (@key, @id, @issuer, @name, @norm, @birth, @sex, 0, @attributes, @now, @now)
            RETURNING pk
            """,
            "key", "id", "issuer", "name", "norm", "birth", "sex", "attributes", "now");
        SelectStudy = Make("SELECT pk, modalities, sop_classes FROM study WHERE study_iuid = @uid", "uid");
        InsertStudy = Make(
            """
            INSERT INTO study (patient_fk, study_iuid, study_date, study_time, accession_no, study_id, study_desc, ref_physician_norm, modalities, sop_classes, num_series, num_instances, size_bytes, attributes, created_time, updated_time)
            VALUES (@patient, @uid, @date, @time, @accession, @id, @description, @physician, '', '', 0, 0, 0, @attributes, @now, @now)
            RETURNING pk
            """,
            "patient", "uid", "date", "time", "accession", "id", "description", "physician", "attributes", "now");
        CountStudy = Make("UPDATE patient SET num_studies = num_studies + 1, updated_time = @now WHERE pk = @patient", "now", "patient");
        SelectSeries = Make("SELECT pk FROM series WHERE series_iuid = @uid", "uid");
        SelectSeriesInStudy = Make(
            """
            SELECT s.pk, st.pk, st.modalities, st.sop_classes
            FROM series s JOIN study st ON s.study_fk = st.pk
            WHERE s.series_iuid = @series AND st.study_iuid = @study
            """,
            "series", "study");
        InsertSeries = Make(
            """
            INSERT INTO series (study_fk, series_iuid, modality, series_no, series_desc, body_part, institution, station_name, pps_start_date, pps_start_time, sending_aet, receiving_aet, sending_host, receiving_host, num_instances, size_bytes, attributes, created_time, updated_time)
            VALUES (@study, @uid, @modality, @number, @description, @bodyPart, @institution, @station, @ppsDate, @ppsTime, @sending, @receiving, @host, @receivingHost, 0, 0, @attributes, @now, @now)
            RETURNING pk
            """,
            "study", "uid", "modality", "number", "description", "bodyPart", "institution", "station", "ppsDate", "ppsTime", "sending", "receiving", "host", "receivingHost", "attributes", "now");
        InsertInstance = Make(
            """
            INSERT INTO instance (series_fk, sop_iuid, sop_cuid, instance_no, content_date, content_time, transfer_syntax, retrieve_aets, availability, storage_path, size_bytes, digest, sending_aet, receiving_aet, attributes, received_time, updated_time)
            VALUES (@series, @sop, @class, @number, @date, @time, @syntax, @retrieve, 'ONLINE', @path, @size, @digest, @sending, @receiving, @attributes, @now, @now)
            """,
            "series", "sop", "class", "number", "date", "time", "syntax", "retrieve", "path", "size", "digest", "sending", "receiving", "attributes", "now");
        CountInstanceInSeries = Make(
            "UPDATE series SET num_instances = num_instances + 1, size_bytes = size_bytes + @size, updated_time = @now WHERE pk = @series",
            "size", "now", "series");
        CountInstanceInStudy = Make(
            """
            UPDATE study SET num_instances = num_instances + 1, num_series = num_series + @addSeries, size_bytes = size_bytes + @size,
                modalities = @modalities, sop_classes = @sopClasses, updated_time = @now
            WHERE pk = @study
            """,
            "addSeries", "size", "modalities", "sopClasses", "now", "study");
        _all = [SelectInstance, SelectPatient, InsertPatient, SelectStudy, InsertStudy, CountStudy, SelectSeries, SelectSeriesInStudy, InsertSeries, InsertInstance, CountInstanceInSeries, CountInstanceInStudy];
    }

    public DbConnection Connection { get; }

    /// <summary>Whether the SQLite connection's <c>synchronous</c> is FULL (as opened) or NORMAL.</summary>
    public bool SynchronousFull { get; set; } = true;

    public DbCommand SelectInstance { get; }

    public DbCommand SelectPatient { get; }

    public DbCommand InsertPatient { get; }

    public DbCommand SelectStudy { get; }

    public DbCommand InsertStudy { get; }

    public DbCommand CountStudy { get; }

    /// <summary>The series of the instance's Series Instance UID with its study, when that is the instance's study.</summary>
    public DbCommand SelectSeriesInStudy { get; }

    public DbCommand SelectSeries { get; }

    public DbCommand InsertSeries { get; }

    public DbCommand InsertInstance { get; }

    public DbCommand CountInstanceInSeries { get; }

    public DbCommand CountInstanceInStudy { get; }

    public static async Task<InstanceIndexCommands> OpenAsync(IndexDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new InstanceIndexCommands(connection);
    }

    /// <summary>Enlists every statement in <paramref name="transaction"/>.</summary>
    public void Use(DbTransaction transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _all)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    private DbCommand Make(string sql, params string[] names)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
