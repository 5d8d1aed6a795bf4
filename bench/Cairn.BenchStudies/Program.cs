// Seeds an index with many studies by direct SQL (one series each, attribute blobs as the archive writes them) and
// times the study browser's pages through the whole archive over HTTP: the first page, filtered pages, a deep page
// and an expanded study. Usage: Cairn.BenchStudies sqlite|postgres STUDIES HTTP_PORT [POSTGRES_SERVER]
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Cairn.Archive.Index;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Server;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

var backend = args.Length > 0 ? args[0] : "sqlite";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var port = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 13480;
var data = Directory.CreateTempSubdirectory("cairn-bench-studies-");
var options = new ArchiveOptions
{
    DataDirectory = data.FullName, BindAddress = "127.0.0.1", HttpPort = port, DicomPort = port + 1, LogLevel = "warning",
    Database = backend == "postgres" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite,
};
string? database = null;
if (backend == "postgres")
{
    var server = args.Length > 3 ? args[3] : Environment.GetEnvironmentVariable("CAIRN_TEST_POSTGRES") ?? throw new InvalidOperationException("give the PostgreSQL server");
    database = $"cairn_bench_{Guid.NewGuid():N}";
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE {database}";
        await create.ExecuteNonQueryAsync();
    }

    options = options with { DatabaseUrl = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString() };
}

using var loggers = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Warning));
var runtime = await ArchiveRuntime.OpenAsync(options, loggers, CancellationToken.None);
var clock = Stopwatch.StartNew();
await SeedAsync(runtime.Database, count);
Console.Error.WriteLine($"seeded {count} studies in {clock.Elapsed.TotalSeconds:F1} s");

var app = ArchiveApplication.Build(options, runtime, l => l.SetMinimumLevel(LogLevel.Warning));
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
var cases = new (string Name, string Url)[]
{
    ("first page (20)", "/studies"),
    ("first page (200)", "/studies?limit=200"),
    ("patient name PAT0012* (1,000 studies)", "/studies?PatientName=PAT0012*"),
    ("name wildcard *77^* (1,000 studies)", "/studies?PatientName=*77%5E*"),
    ("patient ID (100 studies)", "/studies?PatientID=ID00042"),
    ("date range, one month (2,800 studies)", "/studies?from=2020-03-01&to=2020-03-31"),
    ("modality MR (20,000 studies)", "/studies?ModalitiesInStudy=MR"),
    ("accession", "/studies?AccessionNumber=A0050000"),
    ("sending AE MOD7 (10,000 studies)", "/studies?SendingAET=MOD7"),
    ("deep page (offset 50000)", "/studies?offset=50000"),
    ("expanded study", "/studies?expand=1.2.826.0.1.3680043.9.7777.70.1"),
};
Console.WriteLine($"| page ({backend}, {count:N0} studies) | median ms | min ms |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, url) in cases)
{
    var times = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode || !body.Contains("id=\"study-count\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        }

        if (i > 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine($"| {name} | {times[times.Count / 2]:F1} | {times[0]:F1} |");
}

await app.StopAsync();
await app.DisposeAsync();
data.Delete(recursive: true);
if (database is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(args.Length > 3 ? args[3] : Environment.GetEnvironmentVariable("CAIRN_TEST_POSTGRES"));
    await admin.OpenAsync();
    await using var drop = admin.CreateCommand();
    drop.CommandText = $"DROP DATABASE {database} WITH (FORCE)";
    await drop.ExecuteNonQueryAsync();
}

// 100 studies per patient; dates over three years; modalities and senders cycling.
static async Task SeedAsync(IndexDatabase database, int count)
{
    string[] modalities = ["CT", "MR", "CR", "US", "DX"];
    const string now = "2026-01-01T00:00:00.000Z";
    await using var connection = await database.OpenAsync(CancellationToken.None);
    await using var transaction = await connection.BeginTransactionAsync();
    var patient = Command(connection, transaction, "INSERT INTO patient (patient_key, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, num_studies, attributes, created_time, updated_time) VALUES (@p0, @p1, '', @p2, @p3, @p4, @p5, 100, @p6, @p7, @p7)", 8);
    var study = Command(connection, transaction, "INSERT INTO study (patient_fk, study_iuid, study_date, study_time, accession_no, study_id, study_desc, ref_physician_norm, modalities, sop_classes, num_series, num_instances, size_bytes, attributes, created_time, updated_time) VALUES (@p0, @p1, @p2, @p3, @p4, '1', @p5, '', @p6, '1.2.840.10008.5.1.4.1.1.2', 1, 10, 5000000, @p7, @p8, @p8)", 9);
    var series = Command(connection, transaction, "INSERT INTO series (study_fk, series_iuid, modality, series_no, series_desc, body_part, institution, station_name, pps_start_date, pps_start_time, sending_aet, receiving_aet, sending_host, num_instances, size_bytes, attributes, created_time, updated_time) VALUES (@p0, @p1, @p2, 1, '', '', '', '', '', '', @p3, 'DCM4CHEE', '127.0.0.1', 10, 5000000, @p4, @p5, @p5)", 6);
    long patientPk = 0;
    for (var i = 1; i <= count; i++)
    {
        if ((i - 1) % 100 == 0)
        {
            var n = (i - 1) / 100;
            var id = $"ID{n:D5}";
            var name = $"PAT{n:D5}^GIVEN{n % 97}";
            var attributes = new DicomDataset().Add(DicomTags.PatientName, name).Add(DicomTags.PatientID, id).Add(DicomTags.PatientBirthDate, "19600101").Add(DicomTags.PatientSex, n % 2 == 0 ? "F" : "M");
            patientPk = Convert.ToInt64(await Run(patient, id, id, name, name.ToUpperInvariant(), "19600101", n % 2 == 0 ? "F" : "M", Blob(attributes), now), CultureInfo.InvariantCulture);
        }

        var uid = $"1.2.826.0.1.3680043.9.7777.70.{i}";
        var date = new DateTime(2019, 1, 1).AddDays(i % 1095).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = $"{i % 24:D2}{i % 60:D2}00";
        var accession = $"A{i:D7}";
        var modality = modalities[i % modalities.Length];
        var studyAttributes = new DicomDataset().Add(DicomTags.StudyInstanceUID, uid).Add(DicomTags.StudyDate, date).Add(DicomTags.StudyTime, time)
            .Add(DicomTags.AccessionNumber, accession).Add(DicomTags.StudyID, "1").Add(DicomTags.StudyDescription, $"Study {i}");
        var studyPk = Convert.ToInt64(await Run(study, patientPk, uid, date, time, accession, $"Study {i}", modality, Blob(studyAttributes), now), CultureInfo.InvariantCulture);
        var seriesAttributes = new DicomDataset().Add(DicomTags.SeriesInstanceUID, uid + ".1").Add(DicomTags.Modality, modality).Add(DicomTags.SeriesNumber, "1");
        await Run(series, studyPk, uid + ".1", modality, $"MOD{i % 10}", Blob(seriesAttributes), now);
    }

    await transaction.CommitAsync();

    // As autovacuum (PostgreSQL) would soon after a large load: planner statistics for the new rows.
    await using var analyze = connection.CreateCommand();
    analyze.CommandText = "ANALYZE";
    await analyze.ExecuteNonQueryAsync();
}

static byte[] Blob(DicomDataset dataset) => DicomDatasetSerializer.Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int parameters)
{
    var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql + " RETURNING pk";
    for (var i = 0; i < parameters; i++)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@p{i}";
        command.Parameters.Add(parameter);
    }

    return command;
}

static async Task<object?> Run(DbCommand command, params object[] values)
{
    for (var i = 0; i < values.Length; i++)
    {
        command.Parameters[i].Value = values[i];
    }

    return await command.ExecuteScalarAsync();
}
