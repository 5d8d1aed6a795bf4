using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests;

/// <summary>
/// Retrieving what was stored: C-MOVE to DCMTK movescu's own storage SCP, C-GET by DCMTK getscu, and WADO-RS over
/// HTTP; what arrives must be the stored data sets byte for byte.
/// </summary>
public abstract class RetrieveTests
{
    private const string Destination = "MOVESCU";

    private static readonly string Ct = Corpus.PathOf("test_files/CT_small.dcm");
    private static readonly string Mr = Corpus.PathOf("test_files/MR_small.dcm");
    private static readonly string Jpeg2000 = Corpus.PathOf("test_files/JPEG2000.dcm");

    private readonly IndexBackend _backend;

    protected RetrieveTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task MoveOfStudiesDeliversTheStoredDataSetsUnchanged()
    {
        var port = FreePort();
        await using var archive = await StartWithDestinationAsync(port);
        await StoreAllAsync(archive, Ct, Mr, Jpeg2000);
        using var received = new TemporaryDirectory();

        var move = await MoveAsync(archive, port, received.Path, "STUDY", "-k", $"StudyInstanceUID={Uid(Ct, DicomTags.StudyInstanceUID)}\\{Uid(Jpeg2000, DicomTags.StudyInstanceUID)}");

        Assert.True(move.ExitCode == 0, move + move.OutputText);
        AssertReceivedAsStored(archive, received.Path, Ct, Jpeg2000);
        Assert.Contains(archive.Log.Lines, l => l.Contains("C-MOVE of 2 instance(s) to MOVESCU", StringComparison.Ordinal));
        Assert.Contains("cairn_retrieves_total 1", await archive.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAtSeriesAndImageLevelSendsOnlyWhatIsNamed()
    {
        var port = FreePort();
        await using var archive = await StartWithDestinationAsync(port);
        await StoreAllAsync(archive, Ct, Mr);
        using var series = new TemporaryDirectory();
        using var image = new TemporaryDirectory();

        var seriesMove = await MoveAsync(archive, port, series.Path, "SERIES",
            "-k", $"StudyInstanceUID={Uid(Mr, DicomTags.StudyInstanceUID)}", "-k", $"SeriesInstanceUID={Uid(Mr, DicomTags.SeriesInstanceUID)}");
        var imageMove = await MoveAsync(archive, port, image.Path, "IMAGE",
            "-k", $"StudyInstanceUID={Uid(Ct, DicomTags.StudyInstanceUID)}", "-k", $"SeriesInstanceUID={Uid(Ct, DicomTags.SeriesInstanceUID)}", "-k", $"SOPInstanceUID={Uid(Ct, DicomTags.SOPInstanceUID)}");

        Assert.True(seriesMove.ExitCode == 0, seriesMove + seriesMove.OutputText);
        Assert.True(imageMove.ExitCode == 0, imageMove + imageMove.OutputText);
        AssertReceivedAsStored(archive, series.Path, Mr);
        AssertReceivedAsStored(archive, image.Path, Ct);
    }

    [Fact]
    public async Task MoveAtPatientLevelWithThePatientRootModel()
    {
        var port = FreePort();
        await using var archive = await StartWithDestinationAsync(port);
        await StoreAllAsync(archive, Ct, Mr);
        using var received = new TemporaryDirectory();

        var move = await DcmtkInAsync(received.Path, "movescu", ["-P", "-aet", Destination, "-aec", TestArchive.AETitle, "-aem", Destination, "--port", Port(port), "+xa", "+B", "-od", received.Path,
            "-k", "QueryRetrieveLevel=PATIENT", "-k", $"PatientID={DicomFile.Open(Mr).Dataset.GetString(DicomTags.PatientID)}", "127.0.0.1", Port(archive.DicomPort)]);

        Assert.True(move.ExitCode == 0, move + move.OutputText);
        AssertReceivedAsStored(archive, received.Path, Mr);
    }

    [Fact]
    public async Task AnUnknownMoveDestinationOrABadIdentifierIsRefused()
    {
        var port = FreePort();
        await using var archive = await StartWithDestinationAsync(port);
        await StoreAllAsync(archive, Ct);

        var unknown = await Peers.DcmtkAsync("movescu", ["-v", "-S", "-aet", Destination, "-aec", TestArchive.AETitle, "-aem", "NOWHERE",
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(Ct, DicomTags.StudyInstanceUID)}", "127.0.0.1", Port(archive.DicomPort)]);
        var badLevel = await Peers.DcmtkAsync("movescu", ["-v", "-S", "-aet", Destination, "-aec", TestArchive.AETitle, "-aem", Destination,
            "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=1CT1", "127.0.0.1", Port(archive.DicomPort)]);

        Assert.Contains("MoveDestinationUnknown", unknown.OutputText + unknown.Errors, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("Move Destination unknown: NOWHERE", StringComparison.Ordinal));
        Assert.Contains("DataSetDoesNotMatchSOPClass", badLevel.OutputText + badLevel.Errors, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("Query/Retrieve Level (0008,0052) 'PATIENT' is not one of STUDY, SERIES, IMAGE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMoveCanceledAfterItsFirstResponseStopsWithCancelStatus()
    {
        var port = FreePort();
        await using var archive = await StartWithDestinationAsync(port);
        string[] files = [Ct, Mr, Corpus.PathOf("test_files/rtplan.dcm"), Corpus.PathOf("test_files/rtdose.dcm"), Corpus.PathOf("test_files/rtstruct.dcm")];
        await StoreAllAsync(archive, files);
        using var received = new TemporaryDirectory();

        var move = await MoveAsync(archive, port, received.Path, "STUDY", "-v", "--cancel", "1",
            "-k", $"StudyInstanceUID={string.Join('\\', files.Select(f => Uid(f, DicomTags.StudyInstanceUID)))}");

        Assert.Contains("Cancel", move.OutputText + move.Errors, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("C-MOVE canceled by the requestor", StringComparison.Ordinal));
        Assert.InRange(Directory.GetFiles(received.Path).Length, 1, files.Length - 1);
    }

    [Fact]
    public async Task GetOfStudiesStoresThemIntoTheRequestorsFolder()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        await StoreAllAsync(archive, Ct, Mr, Jpeg2000);
        using var received = new TemporaryDirectory();

        var uncompressed = await DcmtkInAsync(received.Path, "getscu", ["-S", "-aet", "GETSCU", "-aec", TestArchive.AETitle, "+B", "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(Ct, DicomTags.StudyInstanceUID)}\\{Uid(Mr, DicomTags.StudyInstanceUID)}", "127.0.0.1", Port(archive.DicomPort)]);
        // getscu proposes one context per SOP class; +xw puts JPEG 2000 first, which the archive then takes.
        var jpeg2000 = await DcmtkInAsync(received.Path, "getscu", ["-S", "-aet", "GETSCU", "-aec", TestArchive.AETitle, "+xw", "+B", "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(Jpeg2000, DicomTags.StudyInstanceUID)}", "127.0.0.1", Port(archive.DicomPort)]);

        Assert.True(uncompressed.ExitCode == 0, uncompressed + uncompressed.OutputText);
        Assert.True(jpeg2000.ExitCode == 0, jpeg2000 + jpeg2000.OutputText);
        AssertReceivedAsStored(archive, received.Path, Ct, Mr, Jpeg2000);
        Assert.Contains(archive.Log.Lines, l => l.Contains("C-GET done: 2 completed, 0 warning, 0 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCountsAnInstanceTheRequestorTakesNoContextForAsFailed()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        await StoreAllAsync(archive, Mr, Jpeg2000);
        using var received = new TemporaryDirectory();

        // Without +xw getscu proposes uncompressed syntaxes only: the JPEG 2000 object cannot go as stored.
        var get = await DcmtkInAsync(received.Path, "getscu", ["-v", "-S", "-aet", "GETSCU", "-aec", TestArchive.AETitle, "+B", "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(Jpeg2000, DicomTags.StudyInstanceUID)}\\{Uid(Mr, DicomTags.StudyInstanceUID)}", "127.0.0.1", Port(archive.DicomPort)]);

        AssertReceivedAsStored(archive, received.Path, Mr);
        Assert.Contains(archive.Log.Lines, l => l.Contains("C-GET done: 1 completed, 0 warning, 1 failed (B000H", StringComparison.Ordinal));
        Assert.Matches(@"Number of Failed Suboperations\s*: 1", get.OutputText + get.Errors);
    }

    [Fact]
    public async Task WadoRsAnswersStudySeriesAndInstanceAsMultipartOfTheStoredFiles()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        await StoreAllAsync(archive, Ct, Mr, Jpeg2000);
        var ct = $"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs/studies/{Uid(Ct, DicomTags.StudyInstanceUID)}";
        var mrSeries = $"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs/studies/{Uid(Mr, DicomTags.StudyInstanceUID)}/series/{Uid(Mr, DicomTags.SeriesInstanceUID)}";
        var j2kInstance = $"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs/studies/{Uid(Jpeg2000, DicomTags.StudyInstanceUID)}/series/{Uid(Jpeg2000, DicomTags.SeriesInstanceUID)}/instances/{Uid(Jpeg2000, DicomTags.SOPInstanceUID)}";

        Assert.Equal([StoredBytes(archive, Ct)], await GetPartsAsync(archive, ct, null));
        Assert.Equal([StoredBytes(archive, Mr)], await GetPartsAsync(archive, mrSeries, "multipart/related; type=\"application/dicom\""));
        Assert.Equal([StoredBytes(archive, Jpeg2000)], await GetPartsAsync(archive, j2kInstance, "multipart/related; type=application/dicom; transfer-syntax=*"));
    }

    [Fact]
    public async Task WadoRsRefusesWhatItCannotAnswer()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        await StoreAllAsync(archive, Ct);
        var study = Uid(Ct, DicomTags.StudyInstanceUID);
        var rs = $"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs";

        await AssertErrorAsync(archive, $"/dcm4chee-arc/aets/NOSUCHAE/rs/studies/{study}", null, HttpStatusCode.NotFound, "NOSUCHAE");
        await AssertErrorAsync(archive, $"{rs}/studies/1.2.3.4", null, HttpStatusCode.NotFound, "No such study: 1.2.3.4");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}/series/1.2.3.4", null, HttpStatusCode.NotFound, "No such series: 1.2.3.4");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}/series/{Uid(Ct, DicomTags.SeriesInstanceUID)}/instances/1.2.3.4", null, HttpStatusCode.NotFound, "No such instance: 1.2.3.4");
        await AssertErrorAsync(archive, $"{rs}/studies/1.2.x", null, HttpStatusCode.BadRequest, "Study Instance UID '1.2.x' is not a valid UID");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}/series/01.2", null, HttpStatusCode.BadRequest, "Series Instance UID '01.2'");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}", "application/json", HttpStatusCode.NotAcceptable, "application/json");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}", "multipart/related; type=\"image/jpeg\"", HttpStatusCode.NotAcceptable, "image/jpeg");
        await AssertErrorAsync(archive, $"{rs}/studies/{study}", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50", HttpStatusCode.NotAcceptable, "transfer");
    }

    private async Task<TestArchive> StartWithDestinationAsync(int port) =>
        await TestArchive.StartAsync(_backend, d => d with
        {
            RemoteApplicationEntities = [.. d.RemoteApplicationEntities.Where(r => r.AETitle != Destination), new RemoteAE { AETitle = Destination, Hostname = "127.0.0.1", Port = port }],
        });

    private static async Task StoreAllAsync(TestArchive archive, params string[] files)
    {
        var uncompressed = files.Where(f => !DicomFile.Open(f).TransferSyntax.IsEncapsulated).ToArray();
        var compressed = files.Except(uncompressed).ToArray();
        if (uncompressed.Length > 0)
        {
            var result = await Peers.StoreAsync(archive, uncompressed);
            Assert.True(result.ExitCode == 0, result + result.OutputText);
        }

        if (compressed.Length > 0)
        {
            var result = await Peers.StoreAsync(archive, compressed, "-xw");
            Assert.True(result.ExitCode == 0, result + result.OutputText);
        }
    }

    /// <summary>DCMTK movescu with its own storage SCP on <paramref name="port"/>, writing what it gets bit for bit.</summary>
    private static Task<ProcessResult> MoveAsync(TestArchive archive, int port, string folder, string level, params string[] options) =>
        DcmtkInAsync(folder, "movescu", ["-S", "-aet", Destination, "-aec", TestArchive.AETitle, "-aem", Destination, "--port", Port(port), "+xa", "+B", "-od", folder,
            "-k", $"QueryRetrieveLevel={level}", .. options, "127.0.0.1", Port(archive.DicomPort)]);

    /// <summary>
    /// A DCMTK tool run in <paramref name="folder"/>: with +B (bit-preserving) movescu writes what it receives to its
    /// working directory, whatever -od says.
    /// </summary>
    private static Task<ProcessResult> DcmtkInAsync(string folder, string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(tool, arguments, Peers.Timeout, folder, new Dictionary<string, string>(StringComparer.Ordinal) { ["TCP_NODELAY"] = "1" });

    /// <summary>The received files are exactly <paramref name="expected"/>, each with the stored data set's bytes.</summary>
    private static void AssertReceivedAsStored(TestArchive archive, string folder, params string[] expected)
    {
        var received = Directory.GetFiles(folder).ToDictionary(f => DicomFile.Open(f).Dataset.GetString(DicomTags.SOPInstanceUID)!, DatasetBytes);
        Assert.Equal(expected.Select(f => Uid(f, DicomTags.SOPInstanceUID)).Order(), received.Keys.Order());
        foreach (var file in expected)
        {
            Assert.Equal(DatasetBytes(StoredPath(archive, file)), received[Uid(file, DicomTags.SOPInstanceUID)]);
        }
    }

    private static byte[] DatasetBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[(int)DicomFile.Read(bytes).DatasetOffset..];
    }

    private static string StoredPath(TestArchive archive, string original)
    {
        var sop = Uid(original, DicomTags.SOPInstanceUID);
        return Directory.EnumerateFiles(archive.StorageRoot, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".incoming", StringComparison.Ordinal))
            .Single(f => DicomFile.Open(f, new DicomReadOptions { StopAtTag = DicomTags.PixelData }).Dataset.GetString(DicomTags.SOPInstanceUID) == sop);
    }

    private static byte[] StoredBytes(TestArchive archive, string original) => File.ReadAllBytes(StoredPath(archive, original));

    private static async Task<List<byte[]>> GetPartsAsync(TestArchive archive, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await archive.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} ({accept}): {response.StatusCode} {(response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync())}");
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/related", contentType.MediaType);
        Assert.Equal("\"application/dicom\"", contentType.Parameters.Single(p => p.Name == "type").Value);
        var boundary = HeaderUtilities(contentType);
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var parts = new List<byte[]>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            Assert.Equal("application/dicom", section.ContentType);
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            parts.Add(buffer.ToArray());
        }

        return parts;
    }

    private static string HeaderUtilities(MediaTypeHeaderValue contentType) =>
        contentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');

    private static async Task AssertErrorAsync(TestArchive archive, string path, string? accept, HttpStatusCode status, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await archive.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path} ({accept}): {response.StatusCode} {body}");
        Assert.Contains("errorMessage", body, StringComparison.Ordinal);
        Assert.Contains(expected, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    private static string Uid(string file, DicomTag tag) => DicomFile.Open(file, new DicomReadOptions { StopAtTag = DicomTags.PixelData }).Dataset.GetString(tag)!;

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
