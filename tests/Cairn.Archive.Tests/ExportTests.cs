using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Cairn.Archive.Tests.Support.ArchiveRest;
using static Cairn.Archive.Tests.Support.TaskWaits;

namespace Cairn.Archive.Tests;

/// <summary>
/// Export rules, the DICOM exporter and the IAN after export, end to end: the archive in-process, DCMTK's storescp as
/// the export destination and Cairn's ianscp as the IAN receiver, real processes on loopback.
/// </summary>
public abstract class ExportTests
{
    private readonly IndexBackend _backend;

    protected ExportTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task ARuleExportsTheStudyAfterItsDurationAndThenOneIanNamesEveryInstance()
    {
        using var received = new TemporaryDirectory();
        using var ians = new TemporaryDirectory();
        var (storePort, ianPort) = (FreePort(), FreePort());
        await using var storescp = RunningProcess.Start("storescp", ["-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians.Path);
        await using var archive = await TestArchive.StartAsync(_backend, d => Walkthrough(d, storePort, ianPort, rule: new ExportRule
        {
            Name = "CT to STORESCP", Entity = "Study", ExporterIds = ["STORESCP"], Conditions = ["Modality=CT|MR", "SendingApplicationEntityTitle=STORESCU"], Duration = "PT2S",
        }));
        await WaitForPortAsync(storePort);
        await WaitForPortAsync(ianPort);

        var study = await CopiesAsync(5);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, (await Peers.StoreAsync(archive, study.Path)).ExitCode);
        var stored = clock.Elapsed;

        var store = archive.Services.GetRequiredService<TaskStore>();
        var export = Assert.Single(await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal("*", export.SeriesInstanceUid);
        var done = await WaitForStatusAsync(store, export.TaskId, QueueTaskStatus.Completed);
        Assert.True(done.ProcessingStartTime - done.CreatedTime >= TimeSpan.FromSeconds(1.9) - stored, "the export waited for the rule's Duration after the last instance");
        Assert.Equal("5 of 5 instances sent", done.OutcomeMessage);
        // The rule made the task before the study had arrived; its run records what it found (spec section 3).
        Assert.Null(export.NumberOfInstances);
        using (var listed = JsonDocument.Parse(await archive.Http.GetStringAsync($"/dcm4chee-arc/monitor/export?taskID={export.TaskId}")))
        {
            var json = Assert.Single(listed.RootElement.EnumerateArray().ToList());
            Assert.Equal(5, json.GetProperty("NumberOfInstances").GetInt32());
            Assert.Equal(["CT"], json.GetProperty("Modality").EnumerateArray().Select(m => m.GetString()));
        }

        var ian = await WaitForSingleAsync(store, new TaskFilter { Type = "IAN" });
        var ianDone = await WaitForStatusAsync(store, ian.TaskId, QueueTaskStatus.Completed);
        Assert.Equal(export.TaskId, ianDone.CausedByTaskId);
        Assert.Equal("IANSCP", ianDone.RemoteAET);
        Assert.Equal(StudyUid, ianDone.StudyInstanceUid);
        Assert.StartsWith("2.25.", ianDone.SopInstanceUid, StringComparison.Ordinal);

        // storescp received every instance with its data set; ianscp stored one IAN, named after the task's UID.
        Assert.Equal(5, Directory.GetFiles(received.Path).Length);
        foreach (var file in Directory.GetFiles(received.Path))
        {
            var arrived = DicomFile.Open(file).Dataset;
            var sent = DicomFile.Open(Path.Combine(study.Path, arrived.GetString(DicomTags.InstanceNumber)!.Trim() + ".dcm")).Dataset;
            sent.Remove(DicomTags.DataSetTrailingPadding);
            Assert.Null(DatasetComparer.Difference(sent, arrived));
        }

        var ianFile = Assert.Single(Directory.GetFiles(ians.Path));
        Assert.Equal(ianDone.SopInstanceUid, Path.GetFileName(ianFile));
        var notification = DicomFile.Open(ianFile);
        Assert.Equal(ianDone.SopInstanceUid, notification.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(StudyUid, notification.Dataset.GetString(DicomTags.StudyInstanceUID));
        var series = Assert.Single(notification.Dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items);
        var sops = series.GetSequence(DicomTags.ReferencedSOPSequence)!.Items;
        Assert.Equal(5, sops.Count);
        Assert.All(sops, s => Assert.Equal("DCM4CHEE", s.GetString(DicomTags.RetrieveAETitle)));
        Assert.All(sops, s => Assert.Equal("ONLINE", s.GetString(DicomTags.InstanceAvailability)));
        Assert.NotNull(notification.Dataset.GetSequence(DicomTags.ReferencedPerformedProcedureStepSequence));
        Assert.Empty(notification.Dataset.GetSequence(DicomTags.ReferencedPerformedProcedureStepSequence)!.Items);
    }

    [Fact]
    public async Task AnObjectTheConditionsRefuseIsNotExported()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => Walkthrough(d, 11, 12, rule: new ExportRule
        {
            Name = "only MR", Entity = "Series", ExporterIds = ["STORESCP"], Conditions = ["Modality=MR"], Duration = "PT1H",
        }));
        Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"))).ExitCode);
        Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/MR_small.dcm"))).ExitCode);

        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = Assert.Single(await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(DicomFile.Open(Corpus.PathOf("test_files/MR_small.dcm")).Dataset.GetString(DicomTags.SeriesInstanceUID), task.SeriesInstanceUid);
        Assert.Equal(QueueTaskStatus.Scheduled, task.Status);
    }

    [Fact]
    public async Task IanWithoutExportOverRestQueuesTheStudysIanWithTheExportersAvailability()
    {
        using var ians = new TemporaryDirectory();
        var ianPort = FreePort();
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians.Path);
        await using var archive = await TestArchive.StartAsync(_backend, d => Walkthrough(d, 11, ianPort, rule: null, availability: "NEARLINE", retrieveAet: "PACS2"));
        await WaitForPortAsync(ianPort);
        var study = await CopiesAsync(3);
        Assert.Equal(0, (await Peers.StoreAsync(archive, study.Path)).ExitCode);

        var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{StudyUid}/export/STORESCP?only-ian=true&batchID=B7", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var task = Assert.Single(body.RootElement.EnumerateArray().ToList());
        Assert.Equal("IAN", task.GetProperty("type").GetString());
        Assert.Equal("IANSCU", task.GetProperty("queue").GetString());
        Assert.Equal("B7", task.GetProperty("batchID").GetString());

        var store = archive.Services.GetRequiredService<TaskStore>();
        var done = await WaitForStatusAsync(store, task.GetProperty("taskID").GetInt64(), QueueTaskStatus.Completed);
        Assert.Empty(await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        var notification = DicomFile.Open(Path.Combine(ians.Path, done.SopInstanceUid!)).Dataset;
        var sops = notification.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items.SelectMany(s => s.GetSequence(DicomTags.ReferencedSOPSequence)!.Items).ToList();
        Assert.Equal(3, sops.Count);
        Assert.All(sops, s => Assert.Equal("NEARLINE", s.GetString(DicomTags.InstanceAvailability)));
        Assert.All(sops, s => Assert.Equal("PACS2", s.GetString(DicomTags.RetrieveAETitle)));
    }

    [Fact]
    public async Task ADestinationThatIsDownFailsTheExportWhichIsRetriedAndCompletesWhenItIsBack()
    {
        using var received = new TemporaryDirectory();
        var storePort = FreePort();
        await using var archive = await TestArchive.StartAsync(_backend, d =>
        {
            var device = Walkthrough(d, storePort, 12, rule: null);
            device = device with { Archive = device.Archive with { Exporters = [device.Archive.Exporters[0] with { IanDestinations = [] }] } };
            return device with { Archive = device.Archive with { Queues = [.. device.Archive.Queues.Select(q => q.Name == "Export1" ? q with { RetryDelay = "PT1S", RetryDelayMultiplier = 100, MaxRetries = 5 } : q)] } };
        });
        Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"))).ExitCode);
        var ct = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm")).Dataset.GetString(DicomTags.StudyInstanceUID);

        var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{ct}/export/STORESCP", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var taskId = body.RootElement.GetProperty("taskID").GetInt64();
        var store = archive.Services.GetRequiredService<TaskStore>();
        var retry = await WaitForStatusAsync(store, taskId, QueueTaskStatus.ScheduledForRetry);
        Assert.Equal(1, retry.Failures);
        Assert.Contains("cannot associate with STORESCP", retry.ErrorMessage, StringComparison.Ordinal);

        await using var storescp = RunningProcess.Start("storescp", ["-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        var done = await WaitForStatusAsync(store, taskId, QueueTaskStatus.Completed);
        Assert.True(done.Failures >= 1);
        Assert.Single(Directory.GetFiles(received.Path));
    }

    [Fact]
    public async Task AnExportSendsEachStoredDataSetAsItIsWhenThePeerAcceptsItsSyntax()
    {
        using var received = new TemporaryDirectory();
        var storePort = FreePort();
        // +xa: every syntax DCMTK knows, JPEG 2000 too; +B: storescp writes the data set exactly as it arrived.
        await using var storescp = RunningProcess.Start("storescp", ["+xa", "+B", "-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await using var archive = await TestArchive.StartAsync(_backend, d => WithoutIan(Walkthrough(d, storePort, 12, rule: null)));
        await WaitForPortAsync(storePort);
        string[] originals = [Corpus.PathOf("test_files/CT_small.dcm"), Corpus.PathOf("test_files/MR_small.dcm"), Corpus.PathOf("test_files/JPEG2000.dcm")];
        Assert.Equal(0, (await Peers.StoreAsync(archive, originals, "-xw")).ExitCode);

        foreach (var original in originals)
        {
            var done = await ExportAsync(archive, DicomFile.Open(original).Dataset.GetString(DicomTags.StudyInstanceUID)!, QueueTaskStatus.Completed);
            Assert.Equal("1 of 1 instances sent", done.OutcomeMessage);
        }

        var arrived = Directory.GetFiles(received.Path).ToDictionary(f => DicomFile.Open(f).Dataset.GetString(DicomTags.SOPInstanceUID)!, f => f);
        Assert.Equal(3, arrived.Count);
        foreach (var stored in StoredFiles(archive))
        {
            var file = DicomFile.Open(stored);
            var sent = arrived[file.Dataset.GetString(DicomTags.SOPInstanceUID)!];
            Assert.Equal(file.TransferSyntax.Uid, DicomFile.Open(sent).TransferSyntax.Uid);
            Assert.Equal(DatasetBytes(stored), DatasetBytes(sent));
        }
    }

    [Fact]
    public async Task APeerThatAcceptsOnlyAnotherSyntaxGetsAnUncompressedObjectReEncodedAndACompressedOneFailsWithTheReason()
    {
        using var received = new TemporaryDirectory();
        var storePort = FreePort();
        // +xi: implicit VR little endian only; the archive holds the CT in explicit VR and the JPEG 2000 object as such.
        // Negotiation leaving nothing to send ends WARNING, as the reference's DICOM exporter: no retry sends it.
        await using var storescp = RunningProcess.Start("storescp", ["+xi", "-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await using var archive = await TestArchive.StartAsync(_backend, d => WithoutIan(Walkthrough(d, storePort, 12, rule: null)));
        await WaitForPortAsync(storePort);
        var ct = Corpus.PathOf("test_files/CT_small.dcm");
        var jpeg2000 = Corpus.PathOf("test_files/JPEG2000.dcm");
        Assert.Equal(0, (await Peers.StoreAsync(archive, [ct, jpeg2000], "-xw")).ExitCode);

        var reEncoded = await ExportAsync(archive, DicomFile.Open(ct).Dataset.GetString(DicomTags.StudyInstanceUID)!, QueueTaskStatus.Completed);
        var refused = await ExportAsync(archive, DicomFile.Open(jpeg2000).Dataset.GetString(DicomTags.StudyInstanceUID)!, QueueTaskStatus.Warning);

        Assert.Equal("1 of 1 instances sent", reEncoded.OutcomeMessage);
        var arrived = DicomFile.Open(Assert.Single(Directory.GetFiles(received.Path)));
        Assert.Equal(DicomUids.ImplicitVRLittleEndian, arrived.TransferSyntax.Uid);
        var sent = DicomFile.Open(ct).Dataset;
        sent.Remove(DicomTags.DataSetTrailingPadding);
        // In implicit VR a private element's VR is unknown to the receiver (UN); the rest must be equal.
        sent.RemoveAll(e => e.Tag.IsPrivate);
        Assert.True(arrived.Dataset.RemoveAll(e => e.Tag.IsPrivate) > 0, "the CT's private elements arrived");
        Assert.Null(DatasetComparer.Difference(sent, arrived.Dataset));
        Assert.Equal($"0 of 1 instances sent, 1 failed; STORESCP accepted no context for SOP class {DicomFile.Open(jpeg2000).Dataset.GetString(DicomTags.SOPClassUID)}", refused.OutcomeMessage);
        Assert.Equal(0, refused.Failures);
    }

    [Fact]
    public async Task InstancesThePeerRefusesEndTheExportWarningAndWithAFileMissingFromTheStorageFailed()
    {
        // The reference's DICOM exporter: failures with nothing missing are WARNING (not retried unless the queue's
        // dcmRetryOnWarning says so); failures while requested objects are missing are FAILED and retried.
        using var work = new TemporaryDirectory();
        var storePort = FreePort();
        await using var storescp = await CairnTools.StartAsync("storescp", "-b", $"STORESCP@127.0.0.1:{storePort}", "--ignore", "--status", "A700");
        await using var archive = await TestArchive.StartAsync(_backend, d => WithoutIan(Walkthrough(d, storePort, 12, rule: null)));
        await WaitForPortAsync(storePort);
        StudyCopies.Write(work.File("refused"), "1.2.826.0.1.3680043.9.7777.41", 2);
        StudyCopies.Write(work.File("missing"), "1.2.826.0.1.3680043.9.7777.42", 2);
        Assert.Equal(0, (await Peers.StoreAsync(archive, [.. Directory.GetFiles(work.File("refused")), .. Directory.GetFiles(work.File("missing"))])).ExitCode);
        File.Delete(StoredFiles(archive).Single(f => DicomFile.Open(f).Dataset.GetString(DicomTags.SOPInstanceUID) == "1.2.826.0.1.3680043.9.7777.42.1.1"));

        var refused = await ExportAsync(archive, "1.2.826.0.1.3680043.9.7777.41", QueueTaskStatus.Warning);
        var missing = await ExportAsync(archive, "1.2.826.0.1.3680043.9.7777.42", QueueTaskStatus.ScheduledForRetry);

        Assert.StartsWith("0 of 2 instances sent, 2 failed; STORESCP answered", refused.OutcomeMessage, StringComparison.Ordinal);
        Assert.Equal(0, refused.Failures);
        Assert.Equal(1, missing.Failures);
        Assert.Contains("0 of 2 instances sent, 2 failed (1 not readable)", missing.OutcomeMessage + missing.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADicomExporterIdSendsAtOnceAndAnswersTheCounts()
    {
        using var received = new TemporaryDirectory();
        var storePort = FreePort();
        await using var archive = await TestArchive.StartAsync(_backend, d => Walkthrough(d, storePort, 12, rule: null));
        using var study = await CopiesAsync(3);
        Assert.Equal(0, (await Peers.StoreAsync(archive, study.Path)).ExitCode);
        var rs = "/dcm4chee-arc/aets/DCM4CHEE/rs";

        // Nobody listens yet: the association fails, nothing is queued.
        var down = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/export/dicom:STORESCP", null);
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        using (var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            Assert.StartsWith("cannot associate with STORESCP", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(body.RootElement.TryGetProperty("completed", out _), "zero counts are left out");
        }

        await using var storescp = RunningProcess.Start("storescp", ["-od", received.Path, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await WaitForPortAsync(storePort);
        var study200 = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/export/dicom:STORESCP", null);
        Assert.Equal(HttpStatusCode.OK, study200.StatusCode);
        Assert.Equal("""{"completed":3}""", await study200.Content.ReadAsStringAsync());
        Assert.Equal(3, Directory.GetFiles(received.Path).Length);

        var series = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm")).Dataset.GetString(DicomTags.SeriesInstanceUID);
        var instance = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/series/{series}/instances/{StudyUid}.1.2/export/dicom:STORESCP", null);
        Assert.Equal("""{"completed":1}""", await instance.Content.ReadAsStringAsync());
        var matches = await archive.Http.PostAsync($"{rs}/studies/export/dicom:STORESCP?StudyInstanceUID={StudyUid}", null);
        Assert.Equal(HttpStatusCode.OK, matches.StatusCode);
        Assert.Equal("""{"completed":3}""", await matches.Content.ReadAsStringAsync());
        Assert.Empty(await archive.Services.GetRequiredService<TaskStore>().ListAsync(new TaskFilter(), TaskOrder.Default, 0, 10, CancellationToken.None));

        // What a dicom: export cannot do, in words.
        var onlyIan = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/export/dicom:STORESCP?only-ian=true", null);
        Assert.Equal(HttpStatusCode.BadRequest, onlyIan.StatusCode);
        Assert.Contains("only-ian cannot be used with dicom:STORESCP", await onlyIan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bulkOnlyIan = await archive.Http.PostAsync($"{rs}/studies/export/dicom:STORESCP?only-ian=true", null);
        Assert.Equal(HttpStatusCode.BadRequest, bulkOnlyIan.StatusCode);
        var unknown = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/export/dicom:NOWHERE", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No such remote AE: NOWHERE", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var scheduled = await archive.Http.PostAsync($"{rs}/studies/{StudyUid}/export/dicom:STORESCP?scheduledTime=20300101000000", null);
        Assert.Equal(HttpStatusCode.BadRequest, scheduled.StatusCode);
    }

    [Fact]
    public async Task TheStudiesACsvListsAreExportedOneTaskEachAndABadLineIsRefusedNamingIt()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => WithoutIan(Walkthrough(d, 11, 12, rule: null)));
        using var study = await CopiesAsync(2);
        Assert.Equal(0, (await Peers.StoreAsync(archive, study.Path, Corpus.PathOf("test_files/MR_small.dcm"))).ExitCode);
        var mr = DicomFile.Open(Corpus.PathOf("test_files/MR_small.dcm")).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        var csv = $"accession;study uid;note\r\nA1;{StudyUid};first\r\n\r\nA2;\"{mr}\";second\r\nA3;1.2.3.999;not stored here\r\n";
        var later = "20991231235959";

        var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/csv:2/export/STORESCP?batchID=CSV1&scheduledTime={later}", new StringContent(csv));
        var badLine = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/csv:2/export/STORESCP", new StringContent($"h;uid\n1;{StudyUid}\n2;1.2.03\n"));
        var badColumn = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/csv:4/export/STORESCP", new StringContent(csv));
        var unknownExporter = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/csv:2/export/NOPE", new StringContent(csv));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"count":2}""", await response.Content.ReadAsStringAsync());
        var tasks = await archive.Services.GetRequiredService<TaskStore>().ListAsync(new TaskFilter { BatchId = "CSV1" }, TaskOrder.Default, 0, 10, CancellationToken.None);
        Assert.Equal(new[] { mr, StudyUid }.Order(StringComparer.Ordinal), tasks.Select(t => t.StudyInstanceUid!).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal(("EXPORT", QueueTaskStatus.Scheduled, 2099), (t.Type, t.Status, t.ScheduledTime.ToLocalTime().Year)));
        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        Assert.Contains("line 3 of the CSV: '1.2.03' is not a valid UID", await badLine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badColumn.StatusCode);
        Assert.Contains("line 2 of the CSV: it has 3 fields, not 4", await badColumn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownExporter.StatusCode);
        Assert.Equal(2, (await archive.Services.GetRequiredService<TaskStore>().ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task IanWithoutExportOfMatchesQueuesOneIanPerMatchedStudy()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => Walkthrough(d, 11, 12, rule: null));
        using var study = await CopiesAsync(2);
        Assert.Equal(0, (await Peers.StoreAsync(archive, study.Path, Corpus.PathOf("test_files/MR_small.dcm"))).ExitCode);

        var response = await archive.Http.PostAsync("/dcm4chee-arc/aets/DCM4CHEE/rs/series/export/STORESCP?only-ian=true&Modality=CT&batchID=B9", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"count":1}""", await response.Content.ReadAsStringAsync());
        var store = archive.Services.GetRequiredService<TaskStore>();
        var ian = Assert.Single(await store.ListAsync(new TaskFilter { BatchId = "B9" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal("IAN", ian.Type);
        Assert.Equal(StudyUid, ian.StudyInstanceUid);
        Assert.Equal(2, ian.NumberOfInstances);
        Assert.Empty(await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None));
    }

    // An instance of study A, series A.1, sent again (overwrite policy ALWAYS) in another study or series: the rule
    // exports where it went and, with dcmExportPreviousEntity, the study or series it left, if that is another one.
    [Theory]
    [InlineData("Study", true, "B", "B.1", "B/*/*", "A/*/*")]
    [InlineData("Study", false, "B", "B.1", "B/*/*")]
    [InlineData("Study", true, "A", "A.2", "A/*/*")]
    [InlineData("Series", true, "B", "B.1", "B/B.1/*", "A/A.1/*")]
    [InlineData("Series", true, "A", "A.2", "A/A.2/*", "A/A.1/*")]
    [InlineData("Series", false, "A", "A.2", "A/A.2/*")]
    [InlineData("Instance", true, "B", "B.1", "B/B.1/X")]
    public async Task AnInstanceThatMovesIsExportedWhereItWentAndWithExportPreviousEntityWhereItWasToo(string entity, bool previous, string study, string series, params string[] expected)
    {
        await using var archive = await TestArchive.StartAsync(_backend, d =>
        {
            var device = Walkthrough(d, 11, 12, rule: new ExportRule { Name = "moved", Entity = entity, ExporterIds = ["STORESCP"], Duration = "PT1H", ExportPreviousEntity = previous });
            return device with { Archive = device.Archive with { OverwritePolicy = OverwritePolicy.Always } };
        });
        using var folder = new TemporaryDirectory();
        string Uid(string name) => name == "X" ? $"{StudyUid}.9.1" : $"{StudyUid}.{name.Replace('A', '1').Replace('B', '2')}";
        string Instance(string name, string inStudy, string inSeries, string sop)
        {
            var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
            var dataset = original.Dataset;
            foreach (var (tag, value) in new[] { (DicomTags.StudyInstanceUID, Uid(inStudy)), (DicomTags.SeriesInstanceUID, Uid(inSeries)), (DicomTags.SOPInstanceUID, sop) })
            {
                dataset.Remove(tag);
                dataset.Add(tag, value);
            }

            var file = folder.File(name);
            new DicomFile(dataset, original.TransferSyntax).Save(file);
            return file;
        }

        // A holds X and another instance, so that it is still there when X has left.
        Assert.Equal(0, (await Peers.StoreAsync(archive, Instance("x.dcm", "A", "A.1", Uid("X")), Instance("y.dcm", "A", "A.1", $"{StudyUid}.9.2"))).ExitCode);
        var store = archive.Services.GetRequiredService<TaskStore>();
        Assert.Equal(entity == "Instance" ? 2 : 1, await store.DeleteAsync(new TaskFilter { Type = "EXPORT" }, CancellationToken.None));

        var started = DateTimeOffset.Now;
        Assert.Equal(0, (await Peers.StoreAsync(archive, Instance("moved.dcm", study, series, Uid("X")))).ExitCode);
        var tasks = await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None);

        string Name(string? uid) => uid == "*" ? "*" : uid == Uid("X") ? "X" : new[] { "A", "B", "A.1", "A.2", "B.1" }.Single(n => Uid(n) == uid);
        Assert.Equal(expected.Order(StringComparer.Ordinal), tasks.Select(t => $"{Name(t.StudyInstanceUid)}/{Name(t.SeriesInstanceUid)}/{Name(t.SopInstanceUid)}").Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal((QueueTaskStatus.Scheduled, "STORESCP"), (t.Status, t.ExporterId)));
        Assert.All(tasks, t => Assert.InRange(t.ScheduledTime, started.AddHours(1).AddSeconds(-2), DateTimeOffset.Now.AddHours(1).AddSeconds(2)));

        // Sent once more to where it is now, it leaves nothing behind: the exports are pushed back, none is added.
        Assert.Equal(0, (await Peers.StoreAsync(archive, folder.File("moved.dcm"))).ExitCode);
        Assert.Equal(expected.Length, await store.CountAsync(new TaskFilter { Type = "EXPORT" }, CancellationToken.None));
    }

    [Theory]
    [InlineData("/dcm4chee-arc/aets/NOBODY/rs/studies/1.2.3/export/STORESCP", HttpStatusCode.NotFound, "No such Application Entity: NOBODY")]
    [InlineData("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.3/export/NOPE", HttpStatusCode.NotFound, "No such Exporter: NOPE")]
    [InlineData("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.3/export/STORESCP", HttpStatusCode.NotFound, "No such study: 1.2.3")]
    [InlineData("/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.02.3/export/STORESCP", HttpStatusCode.BadRequest, "StudyInstanceUID: '1.02.3'")]
    public async Task ExportRequestsForWhatDoesNotExistAreRefusedWithTheReason(string path, HttpStatusCode status, string message)
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var response = await archive.Http.PostAsync(path, null);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExporterNamingAnUnknownAEIsRefusedWhenTheConfigurationIsSaved()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var device = await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc");
        var response = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.Replace("\"dicom:STORESCP\"", "\"dicom:NOWHERE\"", StringComparison.Ordinal)));
        var delete = await archive.Http.DeleteAsync("/dcm4chee-arc/aes/IANSCP");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("dcmExporter[0].dcmURI: 'dicom:NOWHERE' names AE 'NOWHERE', which is not a configured remote AE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("dcmIanDestination[0]: 'IANSCP' is not a configured remote AE", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleWithoutEntityAndAnExporterWithoutQueueAreRefusedNotDefaulted()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        var before = await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc");

        var device = JsonNode.Parse(before)!.AsObject();
        AddExportRule(device, new JsonObject { ["cn"] = "no entity", ["dcmExporterID"] = new JsonArray("STORESCP") });
        var rule = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.ToJsonString()));

        device = JsonNode.Parse(before)!.AsObject();
        Exporter(device, "STORESCP").Remove("dcmQueueName");
        var exporter = await archive.Http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
        Assert.Contains("dcmArchiveDevice.dcmExportRule[0].dcmEntity: is required", await rule.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, exporter.StatusCode);
        Assert.Contains("dcmArchiveDevice.dcmExporter[0].dcmQueueName: is required", await exporter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await archive.Http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc"));
    }

    [Fact]
    public async Task CodeListsAndTheBuiltInsDecideWhatARuleExportsAndTheDryRunSaysTheSame()
    {
        // UTC+14 and UTC-12 never share a date (26 hours apart), so one of them has another date than this machine:
        // the archive runs there, and its today is not the machine's; the other zone's today is never the archive's.
        var (plus, minus) = (ZonedTimeProvider.Fixed(14), ZonedTimeProvider.Fixed(-12));
        var (here, there) = ZonedTimeProvider.Today(plus) != ZonedTimeProvider.Today(TimeZoneInfo.Local) ? (plus, minus) : (minus, plus);
        var today = ZonedTimeProvider.Today(here).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var elsewhere = ZonedTimeProvider.Today(there).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        using var folder = new TemporaryDirectory();
        const string Root = "1.2.826.0.1.3680043.9.7777.50.";
        string[] files =
        [
            StudyCopies.WriteOne(folder.Path, "b", Root + "2", d => Set(d, today: elsewhere, patientId: "37605030299")),
            StudyCopies.WriteOne(folder.Path, "c", Root + "3", d => Set(d, today: today, patientId: "37605030298")),
            StudyCopies.WriteOne(folder.Path, "e", Root + "5", d => Set(d, procedure: ("456", "DCM"))),
            StudyCopies.WriteOne(folder.Path, "a", Root + "1", d => Set(d, today: today, patientId: "37605030299")),
            StudyCopies.WriteOne(folder.Path, "d", Root + "4", d => Set(d, procedure: ("123", "DCM"))),
        ];
        await using var archive = await TestArchive.StartAsync(
            _backend,
            d => d with
            {
                Archive = d.Archive with
                {
                    Exporters = [.. d.Archive.Exporters, new ExporterDescriptor { ExporterId = "CODES", Uri = "noop:codes", QueueName = "Export2" }],
                    ExportRules =
                    [
                        new ExportRule { Name = "today, Estonian", Entity = "Series", ExporterIds = ["STORESCP"], Conditions = ["StudyDate=§CURRENT_DATE", "PatientID=§PATIENT_ID_EST"], Duration = "PT1H" },
                        new ExportRule { Name = "codes", Entity = "Study", ExporterIds = ["CODES"], Conditions = ["ProcedureCodeSequence=(123, DCM, \"other\")|(456, 99X, \"x\")"], Duration = "PT1H" },
                    ],
                },
            },
            services => services.AddSingleton<TimeProvider>(new ZonedTimeProvider(here)));

        // Sent in this order over one association: once d's task exists, every other instance has been judged.
        Assert.Equal(0, (await Peers.StoreAsync(archive, files)).ExitCode);
        await WaitForTaskAsync(archive.Http, "Export2", t => Text(t, "StudyInstanceUID") == Root + "4", "for study 4");
        var store = archive.Services.GetRequiredService<TaskStore>();
        var exports = await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 100, CancellationToken.None);
        Assert.Equal(
            ["CODES " + Root + "4 *", "STORESCP " + Root + "1 " + Root + "1.1"],
            exports.Select(t => $"{t.ExporterId} {t.StudyInstanceUid} {t.SeriesInstanceUid}").Order(StringComparer.Ordinal));

        foreach (var study in new[] { 1, 2, 3, 4, 5 })
        {
            using var dryRun = JsonDocument.Parse(await archive.Http.GetStringAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{Root}{study}/export-rules"));
            var planned = dryRun.RootElement.GetProperty("exports").EnumerateArray()
                .Select(e => $"{e.GetProperty("ExporterID").GetString()}: {string.Join(", ", e.GetProperty("rules").EnumerateArray().Select(r => r.GetString()))}")
                .ToList();
            Assert.Equal(study switch { 1 => ["STORESCP: today, Estonian"], 4 => ["CODES: codes"], _ => new List<string>() }, planned);
        }
    }

    [Fact]
    public async Task ReceivingHostnameIsTheAddressTheObjectWasReceivedOnAsSendingHostnameIsThePeers()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            Archive = d.Archive with
            {
                Exporters = [.. d.Archive.Exporters, new ExporterDescriptor { ExporterId = "BY-NAME", Uri = "noop:by-name", QueueName = "Export2" }],
                ExportRules =
                [
                    // Scheduled in this order: once the loopback rule's task exists, this one's would too.
                    new ExportRule { Name = "machine name", Entity = "Study", ExporterIds = ["BY-NAME"], Conditions = [$"ReceivingHostname={Regex.Escape(Environment.MachineName)}"], Duration = "PT1H" },
                    new ExportRule { Name = "loopback", Entity = "Study", ExporterIds = ["STORESCP"], Conditions = ["ReceivingHostname=127.0.0.1", "SendingHostname=127.0.0.1"], Duration = "PT1H" },
                ],
            },
        });

        Assert.Equal(0, (await Peers.StoreAsync(archive, Corpus.PathOf("test_files/CT_small.dcm"))).ExitCode);
        var study = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm")).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        await WaitForTaskAsync(archive.Http, "Export1", t => Text(t, "StudyInstanceUID") == study && Text(t, "ExporterID") == "STORESCP", "of the loopback rule");
        var store = archive.Services.GetRequiredService<TaskStore>();
        Assert.Equal("STORESCP", Assert.Single(await store.ListAsync(new TaskFilter { Type = "EXPORT" }, TaskOrder.Default, 0, 10, CancellationToken.None)).ExporterId);
    }

    private static void Set(DicomDataset dataset, string? today = null, string? patientId = null, (string Value, string Scheme)? procedure = null)
    {
        if (today is not null)
        {
            StudyCopies.Replace(dataset, DicomTags.StudyDate, today);
        }

        if (patientId is not null)
        {
            StudyCopies.Replace(dataset, DicomTags.PatientID, patientId);
        }

        if (procedure is { } code)
        {
            var item = new DicomDataset();
            item.Add(DicomTags.CodeValue, code.Value);
            item.Add(DicomTags.CodingSchemeDesignator, code.Scheme);
            item.Add(DicomTags.CodeMeaning, "Procedure");
            dataset.Remove(DicomTags.ProcedureCodeSequence);
            dataset.Add(DicomTags.ProcedureCodeSequence, item);
        }
    }

    private const string StudyUid = "1.2.826.0.1.3680043.9.7777.1";

    private static ArchiveDevice Walkthrough(ArchiveDevice device, int storePort, int ianPort, ExportRule? rule, string availability = "ONLINE", string? retrieveAet = null) => device with
    {
        RemoteApplicationEntities =
        [
            new RemoteAE { AETitle = "STORESCP", Hostname = "127.0.0.1", Port = storePort },
            new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = ianPort },
        ],
        Archive = device.Archive with
        {
            Exporters = [device.Archive.Exporters[0] with { InstanceAvailability = availability, RetrieveAETitles = retrieveAet is null ? [] : [retrieveAet] }],
            ExportRules = rule is null ? [] : [rule],
        },
    };

    private static ArchiveDevice WithoutIan(ArchiveDevice device) =>
        device with { Archive = device.Archive with { Exporters = [.. device.Archive.Exporters.Select(e => e with { IanDestinations = [] })] } };

    // The export of a study by REST, once it has reached status.
    private static async Task<QueueTask> ExportAsync(TestArchive archive, string study, QueueTaskStatus status)
    {
        var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{study}/export/STORESCP", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return await WaitForStatusAsync(archive.Services.GetRequiredService<TaskStore>(), body.RootElement.GetProperty("taskID").GetInt64(), status);
    }

    private static IEnumerable<string> StoredFiles(TestArchive archive) =>
        Directory.EnumerateFiles(archive.StorageRoot, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".incoming", StringComparison.Ordinal));

    private static byte[] DatasetBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[(int)DicomFile.Read(bytes).DatasetOffset..];
    }

    // A study of n CT instances, files named after their instance numbers.
    private static Task<TemporaryDirectory> CopiesAsync(int n)
    {
        var folder = new TemporaryDirectory();
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        for (var i = 1; i <= n; i++)
        {
            var dataset = original.Dataset.Clone();
            dataset.Remove(DicomTags.StudyInstanceUID);
            dataset.Add(DicomTags.StudyInstanceUID, StudyUid);
            dataset.Remove(DicomTags.SOPInstanceUID);
            dataset.Add(DicomTags.SOPInstanceUID, $"{StudyUid}.1.{i}");
            dataset.Remove(DicomTags.InstanceNumber);
            dataset.Add(DicomTags.InstanceNumber, i.ToString(CultureInfo.InvariantCulture));
            new DicomFile(dataset, original.TransferSyntax).Save(folder.File($"{i}.dcm"));
        }

        return Task.FromResult(folder);
    }
}
