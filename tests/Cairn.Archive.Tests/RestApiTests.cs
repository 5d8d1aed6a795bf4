using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Cairn.Archive.Tests.Support.ArchiveRest;
using static Cairn.Archive.Tests.Support.TaskWaits;

namespace Cairn.Archive.Tests;

/// <summary>
/// The REST API of issue 5 item 6: IAN-RS (at once to Cairn's ianscp, and queued), export of QIDO matches, the export
/// rules' dry run, /monitor/export, and the OpenAPI document held to the mapped routes.
/// </summary>
public abstract class RestApiTests
{
    private const string Rs = "/dcm4chee-arc/aets/DCM4CHEE/rs";
    private static readonly string CtFile = Corpus.PathOf("test_files/CT_small.dcm");
    private static readonly string MrFile = Corpus.PathOf("test_files/MR_small.dcm");
    private static readonly DicomDataset Ct = DicomFile.Open(CtFile).Dataset;
    private static readonly DicomDataset Mr = DicomFile.Open(MrFile).Dataset;

    private readonly IndexBackend _backend;

    protected RestApiTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task IanRsSendsTheIanOfExactlyTheAddressedEntityAtOnce()
    {
        using var ians = new TemporaryDirectory();
        var ianPort = FreePort();
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians.Path);
        await using var archive = await TestArchive.StartAsync(_backend, d => WithIanscp(d, ianPort));
        await WaitForPortAsync(ianPort);
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);

        var study = await archive.Http.PostAsync($"{Rs}/studies/{Uid(Ct, DicomTags.StudyInstanceUID)}/ian/dicom:IANSCP", null);
        Assert.Equal(HttpStatusCode.OK, study.StatusCode);
        using (var body = JsonDocument.Parse(await study.Content.ReadAsStringAsync()))
        {
            Assert.Equal("0000", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(1, body.RootElement.GetProperty("instances").GetInt32());
        }

        var instance = await archive.Http.PostAsync($"{Rs}/studies/{Uid(Mr, DicomTags.StudyInstanceUID)}/series/{Uid(Mr, DicomTags.SeriesInstanceUID)}/instances/{Uid(Mr, DicomTags.SOPInstanceUID)}/ian/dicom:IANSCP", null);
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);

        // Two IANs, each under its own fresh UID, naming the instance with the archive's AE and ONLINE as stored.
        var files = await WaitForFilesAsync(ians.Path, 2);
        var notifications = files.Select(f => DicomFile.Open(f).Dataset).ToList();
        Assert.Equal(2, files.Select(Path.GetFileName).Distinct().Count());
        var mr = Assert.Single(notifications, n => n.GetString(DicomTags.StudyInstanceUID) == Uid(Mr, DicomTags.StudyInstanceUID));
        var sop = Assert.Single(Assert.Single(mr.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items).GetSequence(DicomTags.ReferencedSOPSequence)!.Items);
        Assert.Equal(Uid(Mr, DicomTags.SOPInstanceUID), sop.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("DCM4CHEE", sop.GetString(DicomTags.RetrieveAETitle));
        Assert.Equal("ONLINE", sop.GetString(DicomTags.InstanceAvailability));
    }

    [Fact]
    public async Task IanRsAnswers502WithTheReasonWhenTheIanScpCannotBeReached()
    {
        var deadPort = FreePort();
        await using var archive = await TestArchive.StartAsync(_backend, d => WithIanscp(d, deadPort));
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile)).ExitCode);

        var response = await archive.Http.PostAsync($"{Rs}/studies/{Uid(Ct, DicomTags.StudyInstanceUID)}/series/{Uid(Ct, DicomTags.SeriesInstanceUID)}/ian/dicom:IANSCP", null);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("cannot associate with IANSCP", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, body.RootElement.GetProperty("instances").GetInt32());
    }

    [Theory]
    [InlineData("/dcm4chee-arc/aets/NOBODY/rs/studies/{ct}/ian/dicom:IANSCP", HttpStatusCode.NotFound, "No such Application Entity: NOBODY")]
    [InlineData(Rs + "/studies/{ct}/ian/dicom:NOWHERE", HttpStatusCode.NotFound, "No such IAN SCP: NOWHERE")]
    [InlineData(Rs + "/studies/1.2.3/ian/dicom:IANSCP", HttpStatusCode.NotFound, "No such study: 1.2.3")]
    [InlineData(Rs + "/studies/{ct}/series/1.2.3/ian/dicom:IANSCP", HttpStatusCode.NotFound, "No such series: 1.2.3")]
    [InlineData(Rs + "/studies/1.02/ian/dicom:IANSCP", HttpStatusCode.BadRequest, "StudyInstanceUID: '1.02'")]
    [InlineData(Rs + "/studies/ian/NOWHERE", HttpStatusCode.NotFound, "No such IAN SCP: NOWHERE")]
    [InlineData(Rs + "/studies/ian/IANSCP?Nonsense=1", HttpStatusCode.BadRequest, "Nonsense")]
    [InlineData(Rs + "/studies/export/NOPE", HttpStatusCode.NotFound, "No such Exporter: NOPE")]
    [InlineData("/dcm4chee-arc/aets/NOBODY/rs/series/export/STORESCP", HttpStatusCode.NotFound, "No such Application Entity: NOBODY")]
    [InlineData(Rs + "/instances/export/STORESCP?scheduledTime=soon", HttpStatusCode.BadRequest, "scheduledTime: 'soon'")]
    [InlineData(Rs + "/studies/1.2.3/export-rules", HttpStatusCode.NotFound, "No such study: 1.2.3")]
    [InlineData("/dcm4chee-arc/monitor/export/999999/cancel", HttpStatusCode.NotFound, "No such Task : 999999")]
    [InlineData("/dcm4chee-arc/monitor/export/999999/reschedule/NOPE", HttpStatusCode.NotFound, "No such Exporter: NOPE")]
    [InlineData("/dcm4chee-arc/monitor/export/reschedule/NOPE?ExporterID=STORESCP", HttpStatusCode.NotFound, "No such Exporter: NOPE")]
    [InlineData("/dcm4chee-arc/monitor/export/reschedule/STORESCP?status=LOST", HttpStatusCode.BadRequest, "status: 'LOST'")]
    [InlineData("/dcm4chee-arc/monitor/export/reschedule/STORESCP?scheduledTime=soon", HttpStatusCode.BadRequest, "scheduledTime: 'soon'")]
    [InlineData("/dcm4chee-arc/monitor/export/batch?limit=0", HttpStatusCode.BadRequest, "limit: '0'")]
    [InlineData("/dcm4chee-arc/monitor/export/batch?createdTime=yesterday", HttpStatusCode.BadRequest, "createdTime: 'yesterday'")]
    public async Task RequestsForWhatDoesNotExistAreRefusedWithTheReason(string path, HttpStatusCode status, string message)
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile)).ExitCode);
        var uri = path.Replace("{ct}", Uid(Ct, DicomTags.StudyInstanceUID), StringComparison.Ordinal);
        var response = uri.EndsWith("/export-rules", StringComparison.Ordinal) || uri.Contains("/batch?", StringComparison.Ordinal) ? await archive.Http.GetAsync(uri) : await archive.Http.PostAsync(uri, null);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedIanRsMakesOneTaskPerMatchedStudyOrSeriesThatTheIanScpReceives()
    {
        using var ians = new TemporaryDirectory();
        var ianPort = FreePort();
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians.Path);
        await using var archive = await TestArchive.StartAsync(_backend, d => WithIanscp(d, ianPort));
        await WaitForPortAsync(ianPort);
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);

        var studies = await archive.Http.PostAsync($"{Rs}/studies/ian/IANSCP?ModalitiesInStudy=CT&batchID=IAN1", null);
        Assert.Equal(HttpStatusCode.Accepted, studies.StatusCode);
        Assert.Equal(1, await CountOf(studies));
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = Assert.Single(await store.ListAsync(new TaskFilter { Type = "IAN", BatchId = "IAN1" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(("IANSCU", "DCM4CHEE", "IANSCP"), (task.Queue, task.LocalAET, task.RemoteAET));
        Assert.Equal(Uid(Ct, DicomTags.StudyInstanceUID), task.StudyInstanceUid);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);
        Assert.True(File.Exists(Path.Combine(ians.Path, done.SopInstanceUid!)));

        // Every instance matches, two series: two IANs, each of one series; later, so still SCHEDULED.
        var instances = await archive.Http.PostAsync($"{Rs}/instances/ian/IANSCP?batchID=IAN2&scheduledTime=20990101000000", null);
        Assert.Equal(2, await CountOf(instances));
        var later = await store.ListAsync(new TaskFilter { BatchId = "IAN2" }, TaskOrder.Default, 0, 10, CancellationToken.None);
        Assert.Equal(2, later.Count);
        Assert.All(later, t => Assert.Equal(QueueTaskStatus.Scheduled, t.Status));
        Assert.Equal(
            new[] { Uid(Ct, DicomTags.SeriesInstanceUID), Uid(Mr, DicomTags.SeriesInstanceUID) }.Order(StringComparer.Ordinal),
            later.Select(t => t.SeriesInstanceUid!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExportOfMatchesMakesOneTaskPerMatchAndRefusesMoreThanTheQueryMaximum()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with { Archive = d.Archive with { QueryMaxNumberOfResults = 1 } });
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);

        var ct = await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?ModalitiesInStudy=CT&batchID=B1&scheduledTime=20990101000000", null);
        Assert.Equal(HttpStatusCode.Accepted, ct.StatusCode);
        Assert.Equal(1, await CountOf(ct));
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = Assert.Single(await store.ListAsync(new TaskFilter { BatchId = "B1" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(("EXPORT", "Export1", "STORESCP", "STORESCP"), (task.Type, task.Queue, task.ExporterId, task.RemoteAET));
        Assert.Equal((Uid(Ct, DicomTags.StudyInstanceUID), "*", "*"), (task.StudyInstanceUid, task.SeriesInstanceUid, task.SopInstanceUid));
        Assert.Equal(new DateTimeOffset(new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Local)), task.ScheduledTime);

        var mrInstances = await archive.Http.PostAsync($"{Rs}/studies/{Uid(Mr, DicomTags.StudyInstanceUID)}/series/{Uid(Mr, DicomTags.SeriesInstanceUID)}/instances/export/STORESCP?batchID=B2&scheduledTime=20990101000000", null);
        Assert.Equal(1, await CountOf(mrInstances));
        var instanceTask = Assert.Single(await store.ListAsync(new TaskFilter { BatchId = "B2" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(Uid(Mr, DicomTags.SOPInstanceUID), instanceTask.SopInstanceUid);

        var all = await archive.Http.PostAsync($"{Rs}/series/export/STORESCP?batchID=B3", null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, all.StatusCode);
        Assert.Contains("more than 1", await all.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(new TaskFilter { BatchId = "B3" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await archive.Http.PostAsync($"{Rs}/instances/ian/IANSCP", null)).StatusCode);
    }

    [Fact]
    public async Task TheDryRunSaysWhichRulesWouldExportAStoredStudyAndScheduleNothing()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            Archive = d.Archive with
            {
                ExportRules =
                [
                    // ReceivingHostname as the rules saw it: the address the series arrived on, not a blank.
                    new ExportRule { Name = "CT from STORESCU", Entity = "Series", ExporterIds = ["STORESCP"], Conditions = ["Modality=CT", "SendingApplicationEntityTitle=STORESCU", "ReceivingHostname=127\\.0\\.0\\.1"], Duration = "PT1H" },
                    new ExportRule { Name = "from elsewhere", Entity = "Study", ExporterIds = ["STORESCP"], Conditions = ["SendingApplicationEntityTitle=ELSEWHERE"] },
                    new ExportRule { Name = "received elsewhere", Entity = "Study", ExporterIds = ["STORESCP"], Conditions = ["ReceivingHostname=10\\.0\\.0\\.1"] },
                ],
            },
        });
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var before = await store.CountAsync(new TaskFilter(), CancellationToken.None);

        var started = DateTimeOffset.Now;
        using (var ct = JsonDocument.Parse(await archive.Http.GetStringAsync($"{Rs}/studies/{Uid(Ct, DicomTags.StudyInstanceUID)}/export-rules")))
        {
            Assert.Equal(1, ct.RootElement.GetProperty("instances").GetInt32());
            var export = Assert.Single(ct.RootElement.GetProperty("exports").EnumerateArray().ToList());
            Assert.Equal("STORESCP", export.GetProperty("ExporterID").GetString());
            Assert.Equal("Series", export.GetProperty("entity").GetString());
            Assert.Equal(Uid(Ct, DicomTags.SeriesInstanceUID), export.GetProperty("SeriesInstanceUID").GetString());
            Assert.Equal("CT from STORESCU", Assert.Single(export.GetProperty("rules").EnumerateArray().ToList()).GetString());
            var when = DateTimeOffset.Parse(export.GetProperty("scheduledTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(when, started.AddHours(1).AddSeconds(-2), DateTimeOffset.Now.AddHours(1).AddSeconds(2));
        }

        using (var mr = JsonDocument.Parse(await archive.Http.GetStringAsync($"{Rs}/studies/{Uid(Mr, DicomTags.StudyInstanceUID)}/export-rules")))
        {
            Assert.Empty(mr.RootElement.GetProperty("exports").EnumerateArray());
        }

        Assert.Equal(before, await store.CountAsync(new TaskFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task MonitorExportListsCountsCancelsDeletesAndMovesExportsToAnotherExporter()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            Archive = d.Archive with
            {
                Exporters = [.. d.Archive.Exporters, d.Archive.Exporters[0] with { ExporterId = "OTHER", QueueName = "Export2", IanDestinations = [] }],
            },
        });
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);
        Assert.Equal(2, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?batchID=M&scheduledTime=20990101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/ian/IANSCP?ModalitiesInStudy=CT&scheduledTime=20990101000000", null)));

        var listed = JsonDocument.Parse(await archive.Http.GetStringAsync("/dcm4chee-arc/monitor/export?ExporterID=STORESCP&orderby=createdTime")).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, t => Assert.Equal("EXPORT", t.GetProperty("type").GetString()));
        Assert.Equal(2, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count")));
        Assert.Equal(0, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count?ExporterID=OTHER")));

        var first = listed[0].GetProperty("taskID").GetInt64();
        var second = listed[1].GetProperty("taskID").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{first}/reschedule/OTHER?scheduledTime=20980101000000", null)).StatusCode);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var moved = (await store.GetAsync(first, CancellationToken.None))!;
        Assert.Equal(("OTHER", "Export2", QueueTaskStatus.Scheduled), (moved.ExporterId, moved.Queue, moved.Status));
        Assert.Equal(new DateTimeOffset(new DateTime(2098, 1, 1, 0, 0, 0, DateTimeKind.Local)), moved.ScheduledTime);
        Assert.Equal(1, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count?ExporterID=OTHER")));

        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{second}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{second}/cancel", null)).StatusCode);
        Assert.Equal(1, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count?status=CANCELED")));

        // The IAN task is no export: not found here, though it exists on its queue.
        var ian = Assert.Single(await store.ListAsync(new TaskFilter { Type = "IAN" }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await archive.Http.DeleteAsync($"/dcm4chee-arc/monitor/export/{ian.TaskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{ian.TaskId}/reschedule/OTHER", null)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await archive.Http.PostAsync("/dcm4chee-arc/monitor/export/cancel", null)).StatusCode);
        Assert.Equal(2, await CountOf(await archive.Http.DeleteAsync("/dcm4chee-arc/monitor/export")));
        Assert.Equal(0, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count")));
        Assert.NotNull(await store.GetAsync(ian.TaskId, CancellationToken.None));
    }

    [Fact]
    public async Task MonitorExportMovesTheMatchingExportsToAnotherExporterAndLeavesTheRestAlone()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            Archive = d.Archive with
            {
                Exporters = [.. d.Archive.Exporters, d.Archive.Exporters[0] with { ExporterId = "OTHER", QueueName = "Export2", Uri = "dicom:IANSCP", IanDestinations = [] }],
            },
        });
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);
        Assert.Equal(2, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?batchID=M&scheduledTime=20990101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?ModalitiesInStudy=MR&batchID=N&scheduledTime=20990101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/ian/IANSCP?ModalitiesInStudy=CT&batchID=M&scheduledTime=20990101000000", null)));
        var store = archive.Services.GetRequiredService<TaskStore>();
        var cancelled = Assert.Single(await store.ListAsync(new TaskFilter { BatchId = "M", Type = "EXPORT", StudyInstanceUid = Uid(Ct, DicomTags.StudyInstanceUID) }, TaskOrder.Default, 0, 10, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{cancelled.TaskId}/cancel", null)).StatusCode);

        // Batch M's exports, whatever their status; not batch N's, nor the IAN task of batch M.
        var moved = await archive.Http.PostAsync("/dcm4chee-arc/monitor/export/reschedule/OTHER?batchID=M&scheduledTime=20980101000000", null);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(2, await CountOf(moved));
        var tasks = await store.ListAsync(new TaskFilter(), TaskOrder.Default, 0, 10, CancellationToken.None);
        var exports = tasks.Where(t => t is { Type: "EXPORT", BatchId: "M" }).ToList();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, t => Assert.Equal(("OTHER", "Export2", "DCM4CHEE", "IANSCP", QueueTaskStatus.Scheduled), (t.ExporterId, t.Queue, t.LocalAET, t.RemoteAET, t.Status)));
        Assert.All(exports, t => Assert.Equal(new DateTimeOffset(new DateTime(2098, 1, 1, 0, 0, 0, DateTimeKind.Local)), t.ScheduledTime));
        Assert.Contains(exports, t => t.TaskId == cancelled.TaskId);
        var other = Assert.Single(tasks, t => t is { Type: "EXPORT", BatchId: "N" });
        Assert.Equal(("STORESCP", "Export1", "STORESCP"), (other.ExporterId, other.Queue, other.RemoteAET));
        var ian = Assert.Single(tasks, t => t.Type == "IAN");
        Assert.Equal(("IANSCU", null), (ian.Queue, ian.ExporterId));

        // Filters that match nothing move nothing.
        Assert.Equal(0, await CountOf(await archive.Http.PostAsync("/dcm4chee-arc/monitor/export/reschedule/STORESCP?status=CANCELED", null)));
        Assert.Equal(3, await CountOf(await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/count?status=SCHEDULED")));
    }

    [Fact]
    public async Task MonitorExportBatchGroupsTheExportsByBatchWithTheirCountsTimesExportersAndDevices()
    {
        await using var archive = await TestArchive.StartAsync(_backend, d => d with
        {
            Archive = d.Archive with
            {
                Exporters = [.. d.Archive.Exporters, d.Archive.Exporters[0] with { ExporterId = "OTHER", QueueName = "Export2", IanDestinations = [] }],
            },
        });
        Assert.Equal(0, (await Peers.StoreAsync(archive, CtFile, MrFile)).ExitCode);
        Assert.Equal(2, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?batchID=B1&scheduledTime=20990101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/OTHER?ModalitiesInStudy=MR&batchID=B2&scheduledTime=20980101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/OTHER?ModalitiesInStudy=CT&batchID=B1&scheduledTime=20970101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/export/STORESCP?ModalitiesInStudy=CT&scheduledTime=20990101000000", null)));
        Assert.Equal(1, await CountOf(await archive.Http.PostAsync($"{Rs}/studies/ian/IANSCP?ModalitiesInStudy=CT&batchID=B3&scheduledTime=20990101000000", null)));
        var store = archive.Services.GetRequiredService<TaskStore>();
        var b1 = await store.ListAsync(new TaskFilter { BatchId = "B1", Type = "EXPORT" }, new TaskOrder("created_time", false), 0, 10, CancellationToken.None);
        Assert.Equal(HttpStatusCode.NoContent, (await archive.Http.PostAsync($"/dcm4chee-arc/monitor/export/{b1[0].TaskId}/cancel", null)).StatusCode);
        b1 = await store.ListAsync(new TaskFilter { BatchId = "B1", Type = "EXPORT" }, new TaskOrder("created_time", false), 0, 10, CancellationToken.None);

        // Newest first by default: B1 had the latest update (the cancel). No batch for the task without one nor for the IAN task.
        var batches = await BatchesAsync(archive, "");
        Assert.Equal(["B1", "B2"], batches.Select(b => b.GetProperty("batchID").GetString()!));
        var first = batches[0];
        Assert.Equal("""{"scheduled":2,"canceled":1}""", first.GetProperty("tasks").GetRawText());
        Assert.Equal(["OTHER", "STORESCP"], first.GetProperty("ExporterID").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["dcm4chee-arc"], first.GetProperty("dicomDeviceName").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([Time(b1.Min(t => t.CreatedTime)), Time(b1.Max(t => t.CreatedTime))], Range(first, "createdTimeRange"));
        Assert.Equal([Time(b1.Min(t => t.UpdatedTime)), Time(b1.Max(t => t.UpdatedTime))], Range(first, "updatedTimeRange"));
        Assert.Equal([Local(2097), Local(2099)], Range(first, "scheduledTimeRange"));
        Assert.Equal("""{"scheduled":1}""", batches[1].GetProperty("tasks").GetRawText());
        Assert.Equal([Local(2098), Local(2098)], Range(batches[1], "scheduledTimeRange"));

        // The filters apply to the tasks before they are grouped; order, offset and limit to the batches.
        var canceled = Assert.Single(await BatchesAsync(archive, "?status=CANCELED"));
        Assert.Equal("""{"canceled":1}""", canceled.GetProperty("tasks").GetRawText());
        var other = await BatchesAsync(archive, "?ExporterID=OTHER&orderby=scheduledTime");
        Assert.Equal(["B1", "B2"], other.Select(b => b.GetProperty("batchID").GetString()!));
        Assert.Equal([Local(2097), Local(2097)], Range(other[0], "scheduledTimeRange"));
        Assert.Equal(["B2"], (await BatchesAsync(archive, "?orderby=-scheduledTime&offset=1&limit=1")).Select(b => b.GetProperty("batchID").GetString()!));
        Assert.Equal(["B1"], (await BatchesAsync(archive, "?orderby=createdTime&limit=1")).Select(b => b.GetProperty("batchID").GetString()!));
        Assert.Empty(await BatchesAsync(archive, "?dicomDeviceName=elsewhere"));
        Assert.Empty(await BatchesAsync(archive, $"?createdTime=-{DateTimeOffset.Now.AddDays(-1):yyyyMMddHHmmss}"));
        Assert.Equal(2, (await BatchesAsync(archive, $"?updatedTime={DateTimeOffset.Now.AddDays(-1):yyyyMMddHHmmss}-")).Count);

        static string Time(DateTimeOffset time) => Cairn.Server.Tasks.TaskJson.Time(time);
        static string Local(int year) => Time(new DateTimeOffset(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Local)));
        static string[] Range(JsonElement batch, string name) => [.. batch.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryMappedRoute()
    {
        await using var archive = await TestArchive.StartAsync(_backend);
        using var document = JsonDocument.Parse(await archive.Http.GetStringAsync("/dcm4chee-arc/openapi.json"));
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.RootElement.GetProperty("paths");

        // The UI's pages and assets are for browsers, not part of the API the document describes.
        var routes = archive.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(route => route.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null && route.RoutePattern.RawText?.StartsWith("/static/", StringComparison.Ordinal) != true)
            .ToList();
        Assert.True(routes.Count > 50, $"only {routes.Count} routes found");
        var missing = new List<string>();
        foreach (var route in routes)
        {
            var path = "/" + string.Join('/', route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                _ => part.ToString(),
            }))));
            // The UI's pages and their assets are not the REST API.
            if (!path.StartsWith("/dcm4chee-arc/", StringComparison.Ordinal) && path is not ("/health" or "/metrics"))
            {
                continue;
            }

            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation) || !operation.TryGetProperty("responses", out _))
                {
                    missing.Add($"{method} {path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "not in openapi.json: " + string.Join(", ", missing));
    }

    private static string Uid(DicomDataset dataset, DicomTag tag) => dataset.GetString(tag)!;

    private static ArchiveDevice WithIanscp(ArchiveDevice device, int port) => device with
    {
        RemoteApplicationEntities = [.. device.RemoteApplicationEntities.Where(ae => ae.AETitle != "IANSCP"), new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = port }],
    };

    private static async Task<long> CountOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("count").GetInt64();
    }

    private static async Task<List<JsonElement>> BatchesAsync(TestArchive archive, string query)
    {
        var response = await archive.Http.GetAsync("/dcm4chee-arc/monitor/export/batch" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<string[]> WaitForFilesAsync(string folder, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(folder).Length < count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"fewer than {count} files came");
            await Task.Delay(20);
        }

        return Directory.GetFiles(folder);
    }
}
