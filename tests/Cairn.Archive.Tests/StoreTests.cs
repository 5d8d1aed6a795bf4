using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Archive.Tests;

/// <summary>C-STORE into the archive from DCMTK's storescu: what is stored, what is indexed, and what is refused.</summary>
public abstract class StoreTests
{
    private readonly IndexBackend _backend;

    protected StoreTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task StoredFilesHoldTheSentDataSetsAndTheIndexCountsThem()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        string[] sent = [Corpus.PathOf("test_files/CT_small.dcm"), Corpus.PathOf("test_files/MR_small.dcm"), Corpus.PathOf("test_files/JPEG2000.dcm")];
        var uncompressed = await Peers.StoreAsync(archive, sent[..2]);
        var jpeg2000 = await Peers.StoreAsync(archive, sent[2..], "-xw");
        Assert.True(uncompressed.ExitCode == 0, uncompressed.ToString() + uncompressed.OutputText);
        Assert.True(jpeg2000.ExitCode == 0, jpeg2000.ToString() + jpeg2000.OutputText);

        var rows = await QueryAsync<(string Sop, string Path, long Size, string Digest, string Sending)>(
            archive, "SELECT sop_iuid, storage_path, size_bytes, digest, sending_aet FROM instance");
        Assert.Equal(3, rows.Count);
        foreach (var file in sent)
        {
            var original = DicomFile.Open(file);
            var sop = original.Dataset.GetString(DicomTags.SOPInstanceUID)!;
            var row = Assert.Single(rows, r => r.Sop == sop);
            var storedPath = Path.Combine(archive.StorageRoot, row.Path);
            var stored = DicomFile.Open(storedPath);
            Assert.Equal(new FileInfo(storedPath).Length, row.Size);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(storedPath))), row.Digest);
            Assert.Equal("STORESCU", row.Sending);
            Assert.Equal("STORESCU", stored.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
            Assert.Equal(original.TransferSyntax, stored.TransferSyntax);
            Assert.Null(DatasetComparer.Difference(WithoutPadding(original.Dataset), WithoutPadding(stored.Dataset)));
        }

        var studies = await QueryAsync<(string Modalities, long Series, long Instances)>(archive, "SELECT modalities, num_series, num_instances FROM study ORDER BY modalities");
        Assert.Equal(3, studies.Sum(s => s.Instances));
        Assert.Contains(studies, s => s.Modalities == "CT");
        Assert.Contains(studies, s => s.Modalities == "MR");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(archive.StorageRoot, ".incoming")));
    }

    [Fact]
    public async Task AnObjectLargerThanWhatIsKeptInMemoryIsParsedFromItsFile()
    {
        // 291 KB, its waveform in the header: past the 64 KB kept in memory, so the header is read back from the file.
        await using var archive = await TestArchive.StartAsync(_backend);
        var file = Corpus.PathOf("test_files/waveform_ecg.dcm");
        var result = await Peers.StoreAsync(archive, file);
        Assert.True(result.ExitCode == 0, result.ToString() + result.OutputText);

        var original = DicomFile.Open(file);
        var row = Assert.Single(await QueryAsync<(string Sop, string Path, long Size)>(archive, "SELECT sop_iuid, storage_path, size_bytes FROM instance"));
        Assert.Equal(original.Dataset.GetString(DicomTags.SOPInstanceUID), row.Sop);
        var storedPath = Path.Combine(archive.StorageRoot, row.Path);
        Assert.Equal(new FileInfo(storedPath).Length, row.Size);
        Assert.True(row.Size > 64 * 1024, $"{row.Size} bytes");
        Assert.Null(DatasetComparer.Difference(WithoutPadding(original.Dataset), WithoutPadding(DicomFile.Open(storedPath).Dataset)));
    }

    [Fact]
    public async Task ALargeObjectWhoseHeaderIsInItsFirst64KilobytesIsStoredAndIndexedWhole()
    {
        // 0.5 MB of pixel data after a short header: the header is parsed from the start kept in memory, the file
        // holds every byte sent.
        await using var archive = await TestArchive.StartAsync(_backend);
        using var folder = new TemporaryDirectory();
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var large = original.Dataset.Clone();
        large.AddValues(DicomTags.Rows, DicomVR.US, (ushort)512).AddValues(DicomTags.Columns, DicomVR.US, (ushort)512);
        large.AddBytes(DicomTags.PixelData, DicomVR.OW, Enumerable.Range(0, 512 * 512 * 2).Select(i => (byte)(i * 7)).ToArray());
        new DicomFile(large, original.TransferSyntax).Save(folder.File("large.dcm"));

        var result = await Peers.StoreAsync(archive, folder.File("large.dcm"));
        Assert.True(result.ExitCode == 0, result.ToString() + result.OutputText);

        var row = Assert.Single(await QueryAsync<(string Sop, string Path, long Size, string Digest)>(archive, "SELECT sop_iuid, storage_path, size_bytes, digest FROM instance"));
        var storedPath = Path.Combine(archive.StorageRoot, row.Path);
        Assert.Equal(large.GetString(DicomTags.SOPInstanceUID), row.Sop);
        Assert.True(row.Size > 512 * 1024, $"{row.Size} bytes");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(storedPath))), row.Digest);
        Assert.Equal(large.GetString(DicomTags.PatientID), Assert.Single(await QueryAsync<string>(archive, "SELECT patient_id FROM patient")));
        Assert.Null(DatasetComparer.Difference(WithoutPadding(large), WithoutPadding(DicomFile.Open(storedPath).Dataset)));
    }

    [Fact]
    public async Task ADuplicateIsAnsweredSuccessKeptOnceAndLogged()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var file = Corpus.PathOf("test_files/CT_small.dcm");
        Assert.Equal(0, (await Peers.StoreAsync(archive, file)).ExitCode);
        var first = await QueryAsync<string>(archive, "SELECT storage_path FROM instance");
        var again = await Peers.StoreAsync(archive, file);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first, await QueryAsync<string>(archive, "SELECT storage_path FROM instance"));
        Assert.Single(StoredFiles(archive));
        Assert.Contains(archive.Log.Lines, l => l.Contains("is stored already; kept the first (dcmOverwritePolicy NEVER)", StringComparison.Ordinal));
        Assert.Equal(1, await ScalarAsync(archive, "SELECT num_instances FROM study"));
    }

    [Fact]
    public async Task OverwritePolicyAlwaysReplacesTheStoredInstance()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with { Archive = d.Archive with { OverwritePolicy = OverwritePolicy.Always } });
        using var folder = new TemporaryDirectory();
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var changed = original.Dataset.Clone();
        changed.Set(new DicomDataset().Add(DicomTags.StudyDescription, "SECOND")[DicomTags.StudyDescription]!);
        new DicomFile(changed, original.TransferSyntax).Save(folder.File("second.dcm"));

        Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"))).ExitCode);
        Assert.Equal(0, (await Peers.StoreAsync(archive, folder.File("second.dcm"))).ExitCode);

        var stored = Assert.Single(StoredFiles(archive));
        Assert.Equal("SECOND", DicomFile.Open(stored).Dataset.GetString(DicomTags.StudyDescription));
        Assert.Equal(1, await ScalarAsync(archive, "SELECT COUNT(*) FROM instance"));
        Assert.Equal(1, await ScalarAsync(archive, "SELECT num_instances FROM study"));
        Assert.Equal(new FileInfo(stored).Length, await ScalarAsync(archive, "SELECT size_bytes FROM study"));
    }

    [Fact]
    public async Task WithoutFsyncObjectsAreStoredAndIndexedAlike()
    {
        // dcmStorageFsync false relaxes the index commit too (SQLite synchronous=NORMAL, PostgreSQL synchronous_commit off).
        await using var archive = await TestArchive.StartAsync(_backend, d => d with { Archive = d.Archive with { StorageFsync = false } });
        var result = await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"), Corpus.PathOf("test_files/MR_small.dcm"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var stored = await IndexConsistency.CheckAsync(archive.Services.GetRequiredService<IndexDatabase>(), archive.StorageRoot);
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, await ScalarAsync(archive, "SELECT COUNT(*) FROM study"));
    }

    [Theory]
    [InlineData("StudyInstanceUID", "", "Study Instance UID (0020,000D) is missing")]
    [InlineData("SeriesInstanceUID", "", "Series Instance UID (0020,000E) is missing")]
    [InlineData("StudyInstanceUID", "1.2.03.4", "is not a valid UID")]
    public async Task ADataSetWithoutAValidUidIsRefusedAndNothingIsStoredButTheAssociationGoesOn(string keyword, string value, string reason)
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        using var folder = new TemporaryDirectory();
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var bad = original.Dataset.Clone();
        var tag = DicomDictionary.TryGetTag(keyword, out var t) ? t : throw new ArgumentException(keyword);
        bad.Remove(tag);
        if (value.Length > 0)
        {
            // A value the strict Add would refuse: as a peer could send it.
            bad.Set(new DicomValueElement(tag, DicomVR.UI, System.Text.Encoding.ASCII.GetBytes(value + (value.Length % 2 == 1 ? "\0" : ""))));
        }

        new DicomFile(bad, original.TransferSyntax).Save(folder.File("a-bad.dcm"));
        File.Copy(Corpus.PathOf("test_files/MR_small.dcm"), folder.File("b-good.dcm"));

        var result = await Peers.StoreAsync(archive, [folder.File("a-bad.dcm"), folder.File("b-good.dcm")], "-v");

        Assert.Contains("Received Store Response (Error: DataSetDoesNotMatchSOPClass)", result.Errors + result.OutputText, StringComparison.Ordinal);
        Assert.Contains("Received Store Response (Success)", result.Errors + result.OutputText, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains(reason, StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        var sop = Assert.Single(await QueryAsync<string>(archive, "SELECT sop_iuid FROM instance"));
        Assert.Equal(DicomFile.Open(Corpus.PathOf("test_files/MR_small.dcm")).Dataset.GetString(DicomTags.SOPInstanceUID), sop);
        Assert.Single(StoredFiles(archive));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(archive.StorageRoot, ".incoming")));
        var metrics = await archive.Http.GetStringAsync("/metrics");
        Assert.Contains("cairn_store_failures_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("cairn_instances_received_total 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyConfiguredCallingAETitlesAreAcceptedWhenTheAERestrictsThem()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            ApplicationEntities = [d.ApplicationEntities[0] with { AcceptedCallingAETitles = ["MODALITY"] }],
        });
        var port = archive.DicomPort.ToString(CultureInfo.InvariantCulture);

        var refused = await Peers.DcmtkAsync("echoscu", "-aec", TestArchive.AETitle, "-aet", "STRANGER", "127.0.0.1", port);
        var accepted = await Peers.DcmtkAsync("echoscu", "-aec", TestArchive.AETitle, "-aet", "MODALITY", "127.0.0.1", port);
        var wrongCalled = await Peers.DcmtkAsync("echoscu", "-aec", "NOBODY", "-aet", "MODALITY", "127.0.0.1", port);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", refused.Errors + refused.OutputText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, accepted.ExitCode);
        Assert.NotEqual(0, wrongCalled.ExitCode);
        Assert.Contains("Called AE Title Not Recognized", wrongCalled.Errors + wrongCalled.OutputText, StringComparison.OrdinalIgnoreCase);

        // Opened to everyone over REST: takes effect without a restart.
        var device = await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc");
        var open = device.Replace("\"MODALITY\"", "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(open))).StatusCode);
        Assert.Equal(0, (await Peers.DcmtkAsync("echoscu", "-aec", TestArchive.AETitle, "-aet", "STRANGER", "127.0.0.1", port)).ExitCode);
    }

    [Fact]
    public async Task StoredInstancesAndConfigurationSurviveARestart()
    {
        var archive = await TestArchive.StartAsync(_backend);
        var options = archive.Options;
        using var keep = new TemporaryDirectory();
        try
        {
            Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"))).ExitCode);
            var put = await archive.Http.PutAsync("/dcm4chee-arc/aes/VIEWER", JsonContent.Create(new { dicomHostname = "viewer.example", dicomPort = 104 }));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            await archive.StopAsync();

            await using var restarted = await TestArchive.RestartAsync(options);
            Assert.Equal(1, await ScalarAsync(restarted, "SELECT COUNT(*) FROM instance"));
            var viewer = await restarted.Http.GetStringAsync("/dcm4chee-arc/aes/VIEWER");
            Assert.Contains("\"viewer.example\"", viewer, StringComparison.Ordinal);
            Assert.Contains(restarted.Log.Lines, l => l.Contains("loaded from the index (version 2)", StringComparison.Ordinal));
        }
        finally
        {
            await archive.DisposeAsync();
            if (Directory.Exists(options.DataDirectory))
            {
                Directory.Delete(options.DataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AConfigurationChangeWithABadValueIsRefusedWithItsName()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var device = await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc");

        var badPort = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.Replace("11112", "70000", StringComparison.Ordinal)));
        var unknown = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.Replace("\"dicomDeviceName\"", "\"dicomColour\": 1, \"dicomDeviceName\"", StringComparison.Ordinal)));
        var badAe = await archive.Http.PutAsync("/dcm4chee-arc/aes/STORESCP", JsonContent.Create(new { dicomHostname = "localhost", dicomPort = 0 }));

        Assert.Equal(HttpStatusCode.BadRequest, badPort.StatusCode);
        Assert.Contains("dicomNetworkConnection[0].dicomPort: 70000 is not a port", await ErrorMessage(badPort), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("dicomColour", await ErrorMessage(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badAe.StatusCode);
        Assert.Contains("dicomPort: 0 is not a port", await ErrorMessage(badAe), StringComparison.Ordinal);
        Assert.Equal(device, await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc"));
    }

    [Fact]
    public async Task AConfigurationChangeWithANullIsRefusedWithItsPathAndChangesNothing()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var device = await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc");
        (string Body, string Problem)[] cases =
        [
            ("""{"dicomDeviceName":"dcm4chee-arc","dcmArchiveDevice":{"dcmQueue":[null]}}""", "dcmArchiveDevice.dcmQueue[0]: null is not allowed"),
            ("""{"dicomDeviceName":"dcm4chee-arc","dcmArchiveDevice":null}""", "dcmArchiveDevice: null is not allowed"),
            ("""{"dicomDeviceName":"dcm4chee-arc","dcmArchiveDevice":{"dcmExporter":[null]}}""", "dcmArchiveDevice.dcmExporter[0]: null is not allowed"),
            ("""{"dicomDeviceName":"dcm4chee-arc","dcmArchiveDevice":{"dcmExportRule":[{"cn":"r","dcmEntity":"Study","dcmExporterID":["STORESCP"],"dcmProperty":[null]}]}}""", "dcmArchiveDevice.dcmExportRule[0].dcmProperty[0]: null is not allowed"),
            ("""{"dicomDeviceName":"dcm4chee-arc","dcmRemoteAE":null}""", "dcmRemoteAE: null is not allowed"),
            ("""{"dicomDeviceName":"dcm4chee-arc","dicomNetworkAE":[null]}""", "dicomNetworkAE[0]: null is not allowed"),
        ];

        foreach (var (body, problem) in cases)
        {
            var response = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(problem, await ErrorMessage(response), StringComparison.Ordinal);
        }

        var remote = await archive.Http.PutAsync("/dcm4chee-arc/aes/PACS2", new StringContent("""{"dicomAETitle":null,"dicomPort":104}"""));
        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.Contains("dicomAETitle: null is not allowed", await ErrorMessage(remote), StringComparison.Ordinal);
        var tls = await archive.Http.PutAsync("/dcm4chee-arc/aes/PACS2", new StringContent("""{"dicomPort":104,"dicomTLSCipherSuite":[null]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tls.StatusCode);
        Assert.Contains("dicomTLSCipherSuite[0]: null is not allowed", await ErrorMessage(tls), StringComparison.Ordinal);

        Assert.Equal(device, await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc"));
        Assert.Equal(HttpStatusCode.NotFound, (await archive.Http.GetAsync("/dcm4chee-arc/aes/PACS2")).StatusCode);
    }

    [Fact]
    public async Task HealthSaysUpAndNamesTheDatabase()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        using var health = JsonDocument.Parse(await archive.Http.GetStringAsync("/health"));
        Assert.Equal("UP", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(_backend == IndexBackend.Sqlite ? "sqlite" : "postgresql", health.RootElement.GetProperty("database").GetString());
        Assert.Equal(archive.DicomPort, health.RootElement.GetProperty("dicomPort").GetInt32());
    }

    private static async Task<string> ErrorMessage(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errorMessage").GetString()!;
    }

    private static IEnumerable<string> StoredFiles(TestArchive archive) =>
        Directory.EnumerateFiles(archive.StorageRoot, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.incoming/", StringComparison.Ordinal));

    // DCMTK's storescu leaves Data Set Trailing Padding out of what it sends.
    private static DicomDataset WithoutPadding(DicomDataset dataset)
    {
        var copy = dataset.Clone();
        copy.Remove(DicomTags.DataSetTrailingPadding);
        return copy;
    }

    internal static async Task<List<T>> QueryAsync<T>(TestArchive archive, string sql)
    {
        await using var connection = await archive.Services.GetRequiredService<IndexDatabase>().OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<T>(sql)];
    }

    internal static async Task<long> ScalarAsync(TestArchive archive, string sql)
    {
        await using var connection = await archive.Services.GetRequiredService<IndexDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
