using System.Net;
using System.Text.Json;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Json;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests;

/// <summary>
/// C-FIND (DCMTK findscu, patient and study root) and QIDO-RS (HttpClient) against an archive holding four corpus
/// studies: CT (2004-01-19, ISO_IR 100), MR (2004-08-26, no character set), and two without a date in ISO 2022
/// Japanese (chrH31) and UTF-8 Chinese (chrX1).
/// </summary>
public abstract class QueryTests
{
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    private const string CtSeries = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";
    private const string CtInstance = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
    private const string MrStudy = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
    private const string H31Study = "1.3.6.1.4.1.5962.1.2.0.1175775771.5702.0";
    private const string X1Study = "1.3.6.1.4.1.5962.1.2.0.1175775771.5711.0";

    private readonly IndexBackend _backend;

    protected QueryTests(IndexBackend backend)
    {
        _backend = backend;
    }

    private static async Task<TestArchive> ArchiveWithCorpusAsync(IndexBackend backend, Func<Configuration.ArchiveDevice, Configuration.ArchiveDevice>? configure = null)
    {
        var archive = await TestArchive.StartAsync(backend, configure);
        var stored = await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"), Corpus.PathOf("test_files/MR_small.dcm"), Corpus.PathOf("charset_files/chrH31.dcm"), Corpus.PathOf("charset_files/chrX1.dcm"));
        Assert.True(stored.ExitCode == 0, stored.ToString() + stored.OutputText);
        return archive;
    }

    [Fact]
    public async Task StudyRootStudiesWithWildcardRangeAndUidListMatching()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        string[] returned = ["StudyInstanceUID", "PatientName", "StudyDate", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances", "ModalitiesInStudy", "SOPClassesInStudy", "RetrieveAETitle", "InstanceAvailability", "StudyDescription"];

        var all = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", .. returned]);
        Assert.True(all.Succeeded, all.Text);
        Assert.Equal(4, all.Matches.Count);
        // Newest first; the undated ones after.
        Assert.Equal([MrStudy, CtStudy], all.Matches.Take(2).Select(m => m.GetString(DicomTags.StudyInstanceUID)));
        var ct = all.Matches[1];
        Assert.Equal("STUDY", ct.GetString(DicomTags.QueryRetrieveLevel));
        Assert.Equal("1", ct.GetString(DicomTags.NumberOfStudyRelatedSeries));
        Assert.Equal("1", ct.GetString(DicomTags.NumberOfStudyRelatedInstances));
        Assert.Equal("CT", ct.GetString(DicomTags.ModalitiesInStudy));
        Assert.Equal(DicomUids.CTImageStorage, ct.GetString(DicomTags.SOPClassesInStudy));
        Assert.Equal(TestArchive.AETitle, ct.GetString(DicomTags.RetrieveAETitle));
        Assert.Equal("ONLINE", ct.GetString(DicomTags.InstanceAvailability));
        Assert.True(ct.Contains(DicomTags.StudyDescription));
        Assert.False(ct.Contains(DicomTags.PatientID), "only the requested keys come back");

        var wildcard = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientName=compressed*^?T1"]);
        Assert.Equal([CtStudy], wildcard.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));

        var range = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "StudyDate=20040101-20040301"]);
        Assert.Equal([CtStudy], range.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));
        var openRange = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "StudyDate=20040201-"]);
        Assert.Equal([MrStudy], openRange.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));
        // Both ranges make one date-time range: CT's time is outside 12:00-18:30, but its date is inside the dates.
        var dateTime = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "StudyDate=20040101-20040826", "StudyTime=120000-183000"]);
        Assert.Equal([CtStudy], dateTime.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));

        var list = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", $"StudyInstanceUID={CtStudy}\\{X1Study}\\1.2.3"]);
        Assert.Equal([CtStudy, X1Study], list.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));

        var modality = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "ModalitiesInStudy=MR"]);
        Assert.Equal([MrStudy], modality.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));

        var none = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientName=Nobody*"]);
        Assert.True(none.Succeeded, none.Text);
        Assert.Empty(none.Matches);
    }

    [Fact]
    public async Task SeriesAndImagesNeedTheUniqueKeysAboveAndCountTheirInstances()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        var series = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=SERIES", $"StudyInstanceUID={CtStudy}", "SeriesInstanceUID", "Modality", "SeriesNumber", "NumberOfSeriesRelatedInstances", "Manufacturer=GE*"]);
        var match = Assert.Single(series.Matches);
        Assert.Equal(CtSeries, match.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("CT", match.GetString(DicomTags.Modality));
        Assert.Equal("1", match.GetString(DicomTags.NumberOfSeriesRelatedInstances));
        Assert.Equal("GE MEDICAL SYSTEMS", match.GetString(DicomTags.Manufacturer));

        var notGe = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=SERIES", $"StudyInstanceUID={CtStudy}", "Manufacturer=TOSHIBA*"]);
        Assert.True(notGe.Succeeded, notGe.Text);
        Assert.Empty(notGe.Matches);

        var images = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={CtStudy}", $"SeriesInstanceUID={CtSeries}", "SOPInstanceUID", "SOPClassUID", "InstanceNumber", "Rows", "RetrieveAETitle", "InstanceAvailability"]);
        var image = Assert.Single(images.Matches);
        Assert.Equal(CtInstance, image.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal((ushort)128, image.GetValues<ushort>(DicomTags.Rows)[0]);
        Assert.Equal("ONLINE", image.GetString(DicomTags.InstanceAvailability));

        var withoutStudy = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=SERIES", "SeriesInstanceUID"]);
        Assert.Contains("Error", withoutStudy.Final, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("needs StudyInstanceUID", StringComparison.Ordinal));
        var withoutSeries = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={CtStudy}"]);
        Assert.Contains("Error", withoutSeries.Final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientRootAnswersPatientsAndRefusesWhatItsModelDoesNotHave()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        var patients = await Finder.FindAsync(archive, "-P", ["QueryRetrieveLevel=PATIENT", "PatientID=1CT1", "PatientName", "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries", "NumberOfPatientRelatedInstances"]);
        var patient = Assert.Single(patients.Matches);
        Assert.Equal("CompressedSamples^CT1", patient.GetString(DicomTags.PatientName));
        Assert.Equal("1", patient.GetString(DicomTags.NumberOfPatientRelatedStudies));
        Assert.Equal("1", patient.GetString(DicomTags.NumberOfPatientRelatedInstances));

        var studies = await Finder.FindAsync(archive, "-P", ["QueryRetrieveLevel=STUDY", "PatientID=4MR1", "StudyInstanceUID"]);
        Assert.Equal([MrStudy], studies.Matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)));

        var noPatientId = await Finder.FindAsync(archive, "-P", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID"]);
        Assert.Contains("Error", noPatientId.Final, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("needs PatientID", StringComparison.Ordinal));

        var patientInStudyRoot = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=PATIENT", "PatientID"]);
        Assert.Contains("Error", patientInStudyRoot.Final, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("PATIENT is not in the Study Root model", StringComparison.Ordinal));

        var noLevel = await Finder.FindAsync(archive, "-S", ["PatientID"]);
        Assert.Contains("Error", noLevel.Final, StringComparison.Ordinal);
        Assert.Contains(archive.Log.Lines, l => l.Contains("Query/Retrieve Level (0008,0052) is missing", StringComparison.Ordinal));

        var badLevel = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=FRAME", "PatientID"]);
        Assert.Contains("Error", badLevel.Final, StringComparison.Ordinal);
        Assert.Empty(badLevel.Matches);
    }

    [Fact]
    public async Task ResultsComeInTheStoredCharacterSetAndNamesMatchWhateverTheCase()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        var japanese = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientName=yamada^tarou"]);
        var match = Assert.Single(japanese.Matches);
        Assert.Equal(["", "ISO 2022 IR 87"], match.GetStrings(DicomTags.SpecificCharacterSet));
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", match.GetString(DicomTags.PatientName));
        Assert.Equal(H31Study, match.GetString(DicomTags.StudyInstanceUID));

        var chinese = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientName=WANG*"]);
        var x1 = Assert.Single(chinese.Matches);
        Assert.Equal("ISO_IR 192", x1.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal("Wang^XiaoDong=王^小東=", x1.GetString(DicomTags.PatientName));

        // QIDO answers in JSON, which is UTF-8 whatever was stored.
        var json = await GetJsonAsync(archive, "studies?PatientName=Yamada*");
        Assert.Equal("山田^太郎", json[0].GetProperty("00100010").GetProperty("Value")[0].GetProperty("Ideographic").GetString());
    }

    [Fact]
    public async Task QidoMatchesStudiesAndSeriesByTheAETitleTheirSeriesCameFrom()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        // The MR study gets a second series from another sender.
        using var copies = new TemporaryDirectory();
        var mr = DicomFile.Open(Corpus.PathOf("test_files/MR_small.dcm"));
        var other = mr.Dataset.Clone();
        other.Remove(DicomTags.SeriesInstanceUID);
        other.Add(DicomTags.SeriesInstanceUID, "1.2.826.0.1.3680043.9.7777.5.1");
        other.Remove(DicomTags.SOPInstanceUID);
        other.Add(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.9.7777.5.1.1");
        new DicomFile(other, mr.TransferSyntax).Save(copies.File("other.dcm"));
        var stored = await Peers.DcmtkAsync("storescu", "-aec", TestArchive.AETitle, "-aet", "MODALITY7", "127.0.0.1", archive.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), copies.File("other.dcm"));
        Assert.True(stored.ExitCode == 0, stored.ToString());

        var fromModality = await GetJsonAsync(archive, "studies?SendingApplicationEntityTitleOfSeries=MODALITY7");
        Assert.Equal([MrStudy], fromModality.Select(s => Value(s, "0020000D")));
        var wildcard = await GetJsonAsync(archive, "studies?SendingApplicationEntityTitleOfSeries=MOD*7");
        Assert.Equal([MrStudy], wildcard.Select(s => Value(s, "0020000D")));
        // Every study has a series from STORESCU; the MR study is one row however many of its series match.
        Assert.Equal(4, (await GetJsonAsync(archive, "studies?SendingApplicationEntityTitleOfSeries=STORESCU")).Count);
        Assert.Equal(2, (await GetJsonAsync(archive, "studies?SendingApplicationEntityTitleOfSeries=*SCU&StudyDate=20040101-")).Count);
        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.GetAsync(Rs("studies?SendingApplicationEntityTitleOfSeries=NOBODY"))).StatusCode);

        // At series level it is the series' own sender.
        var series = await GetJsonAsync(archive, $"studies/{MrStudy}/series?SendingApplicationEntityTitleOfSeries=MODALITY7");
        Assert.Equal(["1.2.826.0.1.3680043.9.7777.5.1"], series.Select(s => Value(s, "0020000E")));
        Assert.Single(await GetJsonAsync(archive, $"studies/{MrStudy}/series?SendingApplicationEntityTitleOfSeries=STORESCU"));
    }

    [Fact]
    public async Task TheQueryMaximumRefusesQueriesThatWouldAnswerMore()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend, d => d with { Archive = d.Archive with { QueryMaxNumberOfResults = 2 } });
        var tooMany = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID"]);
        Assert.Contains("Refused: OutOfResources", tooMany.Final, StringComparison.Ordinal);
        Assert.Empty(tooMany.Matches);
        Assert.Contains(archive.Log.Lines, l => l.Contains("more than 2 matches; narrow the query", StringComparison.Ordinal) && l.Contains("A700", StringComparison.Ordinal));

        var narrower = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "StudyDate=20040101-"]);
        Assert.True(narrower.Succeeded, narrower.Text);
        Assert.Equal(2, narrower.Matches.Count);

        var qido = await archive.Http.GetAsync(Rs("studies"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, qido.StatusCode);
        Assert.Contains("more than 2", await qido.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await archive.Http.GetAsync(Rs("studies?limit=2&offset=1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The AE's own maximum comes before the device's.
        await archive.Configuration.UpdateAsync(d => d with { ApplicationEntities = [.. d.ApplicationEntities.Select(a => a with { QueryMaxNumberOfResults = 10 })] }, CancellationToken.None);
        Assert.Equal(4, (await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=STUDY", "StudyInstanceUID"])).Matches.Count);
    }

    [Fact]
    public async Task ACancelStopsAFindWhichEndsWithFE00()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        using var copies = new TemporaryDirectory();
        const int count = 400;
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        for (var i = 0; i < count; i++)
        {
            var dataset = original.Dataset.Clone();
            dataset.Add(DicomTags.SOPInstanceUID, $"{CtInstance}.{i + 1}");
            dataset.Add(DicomTags.InstanceNumber, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            new DicomFile(dataset, original.TransferSyntax).Save(copies.File($"{i:D4}.dcm"));
        }

        var stored = await Peers.StoreAsync(archive, copies.Path);
        Assert.True(stored.ExitCode == 0, stored.ToString());

        var all = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={CtStudy}", $"SeriesInstanceUID={CtSeries}", "SOPInstanceUID", "InstanceNumber"]);
        Assert.Equal(count, all.Matches.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), all.Matches.Select(m => m.GetString(DicomTags.InstanceNumber)));

        // All 400 answers fit in the socket buffers, so on a fast machine they may all be sent before the C-CANCEL-RQ
        // arrives; then the find ends with success, as PS3.7 allows (the cancel crossed the final response). Either
        // way the association must stay sound and the answers complete up to where the cancel took effect.
        var cancelled = await Finder.FindAsync(archive, "-S", ["QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={CtStudy}", $"SeriesInstanceUID={CtSeries}", "SOPInstanceUID"], "--cancel", "1");
        if (cancelled.Final.Contains("Cancel", StringComparison.Ordinal))
        {
            Assert.True(cancelled.Matches.Count < count, $"{cancelled.Matches.Count} matches came before the cancel took effect");
            Assert.Contains(archive.Log.Lines, l => l.Contains("C-FIND cancelled by the peer", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("Success", cancelled.Final, StringComparison.Ordinal);
            Assert.Equal(count, cancelled.Matches.Count);
        }

        Assert.DoesNotContain(archive.Log.Lines, l => l.Contains("aborted", StringComparison.OrdinalIgnoreCase) || l.Contains("0211", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QidoSearchesEveryResourceWithLimitOffsetAndIncludefield()
    {
        await using var archive = await ArchiveWithCorpusAsync(_backend);
        var studies = await GetJsonAsync(archive, "studies");
        Assert.Equal([MrStudy, CtStudy], studies.Take(2).Select(s => Value(s, "0020000D")));
        Assert.Equal(4, studies.Count);
        Assert.Equal("1", studies[1].GetProperty("00201208").GetProperty("Value")[0].ToString());
        Assert.EndsWith($"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs/studies/{CtStudy}", Value(studies[1], "00081190"), StringComparison.Ordinal);

        var page = await GetJsonAsync(archive, "studies?limit=1&offset=1");
        Assert.Equal([CtStudy], page.Select(s => Value(s, "0020000D")));

        var included = await GetJsonAsync(archive, $"studies?StudyInstanceUID={CtStudy}&includefield=00101010,PatientAge&includefield=OtherPatientIDsSequence");
        Assert.Equal("000Y", Value(included[0], "00101010"));
        Assert.Equal(2, included[0].GetProperty("00101002").GetProperty("Value").GetArrayLength());
        Assert.False(included[0].TryGetProperty("00101030", out _), "PatientWeight was not asked for");
        var allOfStudy = await GetJsonAsync(archive, $"studies?StudyInstanceUID={CtStudy}&includefield=all");
        Assert.True(allOfStudy[0].TryGetProperty("00101030", out _));
        Assert.False(allOfStudy[0].TryGetProperty("00180050", out _), "SliceThickness belongs to the instance");
        var everything = await GetJsonAsync(archive, $"series?SeriesInstanceUID={CtSeries}&includefield=all");
        Assert.Equal("GE MEDICAL SYSTEMS", Value(everything[0], "00080070"));

        var series = await GetJsonAsync(archive, $"studies/{CtStudy}/series");
        Assert.Equal(CtSeries, Value(Assert.Single(series), "0020000E"));
        Assert.Equal("CT", Value(series[0], "00080060"));
        var allSeries = await GetJsonAsync(archive, "series?Modality=OT");
        Assert.Equal(2, allSeries.Count);
        Assert.True(allSeries[0].TryGetProperty("00100010", out _), "all-series results carry the study's attributes");

        var instances = await GetJsonAsync(archive, $"studies/{CtStudy}/series/{CtSeries}/instances");
        Assert.Equal(CtInstance, Value(Assert.Single(instances), "00080018"));
        Assert.Equal(CtInstance, Value(Assert.Single(await GetJsonAsync(archive, $"studies/{CtStudy}/instances")), "00080018"));
        Assert.Equal(CtInstance, Value(Assert.Single(await GetJsonAsync(archive, $"instances?SOPClassUID={DicomUids.CTImageStorage}")), "00080018"));
        Assert.Equal(2, (await GetJsonAsync(archive, $"studies?StudyInstanceUID={CtStudy},{MrStudy}")).Count);
        Assert.Equal(2, (await GetJsonAsync(archive, "studies?StudyDate=20040101-&StudyTime=-235959")).Count);
        Assert.Equal([MrStudy], (await GetJsonAsync(archive, "series?Manufacturer=TOSH*")).Select(s => Value(s, "0020000D")));

        var fuzzy = await archive.Http.GetAsync(Rs("studies?fuzzymatching=true&PatientName=Wang*"));
        Assert.Equal(HttpStatusCode.OK, fuzzy.StatusCode);
        Assert.Contains("fuzzymatching", fuzzy.Headers.Warning.ToString(), StringComparison.Ordinal);

        var none = await archive.Http.GetAsync(Rs("studies?PatientID=NOBODY"));
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
    }

    [Theory]
    [InlineData("studies?NoSuchKeyword=1", "NoSuchKeyword")]
    [InlineData("studies?StudyDate=20041301x-", "StudyDate")]
    [InlineData("studies?StudyDate=20040301-20040101", "StudyDate")]
    [InlineData("studies?limit=ten", "limit")]
    [InlineData("studies?offset=-1", "offset")]
    [InlineData("studies?StudyInstanceUID=1.02.3", "StudyInstanceUID")]
    [InlineData("studies/1..2/series", "StudyInstanceUID")]
    [InlineData("studies?includefield=Nonsense", "includefield")]
    public async Task QidoRefusesAMalformedParameterNamingIt(string query, string parameter)
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var response = await archive.Http.GetAsync(Rs(query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorMessage").GetString()!;
        Assert.StartsWith(parameter + ":", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QidoOnAnUnknownAEIsNotFound()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var response = await archive.Http.GetAsync("/dcm4chee-arc/aets/NOSUCHAE/rs/studies");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NOSUCHAE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Rs(string path) => $"/dcm4chee-arc/aets/{TestArchive.AETitle}/rs/{path}";

    private static async Task<List<JsonElement>> GetJsonAsync(TestArchive archive, string path)
    {
        var response = await archive.Http.GetAsync(Rs(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        // Every result must read back as a data set.
        foreach (var item in JsonDocument.Parse(body).RootElement.EnumerateArray())
        {
            Assert.NotNull(new DicomJsonReader().Read(item.GetRawText()));
        }

        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
    }

    private static string? Value(JsonElement result, string tag) =>
        result.TryGetProperty(tag, out var element) && element.TryGetProperty("Value", out var values) ? values[0].GetString() : null;
}
