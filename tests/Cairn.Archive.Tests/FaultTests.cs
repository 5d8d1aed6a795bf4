using System.Globalization;
using System.Net;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tests.Support;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests;

/// <summary>
/// Export and IAN when things go wrong: a destination that is down or answers a failure, a user cancelling,
/// rescheduling or deleting a running export, and two archive processes sharing one PostgreSQL queue.
/// </summary>
public abstract class FaultTests
{
    private const string StudyUid = "1.2.826.0.1.3680043.9.7777.3";

    private static readonly Dictionary<string, string> DcmtkEnvironment = new(StringComparer.Ordinal) { ["TCP_NODELAY"] = "1" };

    private readonly IndexBackend _backend;

    protected FaultTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task AnIanDestinationThatIsDownIsRetriedAndGetsExactlyOneIanWhenItIsBack()
    {
        using var work = new TemporaryDirectory();
        var (storePort, ianPort) = (FreePort(), FreePort());
        await using var storescp = StartDcmtkStorescp(work.File("received"), storePort);
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, ianPort));
        await WaitForPortAsync(storePort);
        await StoreStudyAsync(archive, work.File("study"), 2);

        await ExportAsync(archive.Http, "");
        await WaitForTaskAsync(archive.Http, "Export1", t => Status(t) == "COMPLETED", "COMPLETED");
        var retry = await WaitForTaskAsync(archive.Http, "IANSCU", t => Status(t) == "SCHEDULED FOR RETRY", "SCHEDULED FOR RETRY");
        Assert.True(retry.GetProperty("failures").GetInt32() >= 1);
        Assert.Contains("IANSCP", Text(retry, "errorMessage"), StringComparison.Ordinal);

        var ians = work.File("ians");
        Directory.CreateDirectory(ians);
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians);
        var done = await WaitForStatusAsync(archive.Http, "IANSCU", TaskId(retry), "COMPLETED");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(await TasksAsync(archive.Http, "IANSCU"));
        var file = Assert.Single(Directory.GetFiles(ians), f => !Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(Text(done, "SOPInstanceUID"), Path.GetFileName(file));
    }

    [Fact]
    public async Task AnIanDestinationAnsweringAFailureLeavesTheTaskWarningAndItIsNotRetried()
    {
        using var work = new TemporaryDirectory();
        var (storePort, ianPort) = (FreePort(), FreePort());
        await using var storescp = StartDcmtkStorescp(work.File("received"), storePort);
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--ignore", "--status", "0110");
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, ianPort));
        await WaitForPortAsync(storePort);
        await WaitForPortAsync(ianPort);
        await StoreStudyAsync(archive, work.File("study"), 1);

        await ExportAsync(archive.Http, "");
        var warning = await WaitForTaskAsync(archive.Http, "IANSCU", t => Status(t) == "WARNING", "WARNING");
        Assert.Contains("0110", (Text(warning, "outcomeMessage") ?? "") + Text(warning, "errorMessage"), StringComparison.OrdinalIgnoreCase);

        // The queue retries failures after 1 s; a WARNING is left alone (dcmRetryOnWarning is false).
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = Assert.Single(await TasksAsync(archive.Http, "IANSCU"));
        Assert.Equal("WARNING", Status(later));
        Assert.Equal(Text(warning, "updatedTime"), Text(later, "updatedTime"));
    }

    [Fact]
    public async Task AnExportDestinationThatWasDownGetsTheStudyAndTheIanDestinationExactlyOneIan()
    {
        using var work = new TemporaryDirectory();
        var (storePort, ianPort) = (FreePort(), FreePort());
        var ians = work.File("ians");
        Directory.CreateDirectory(ians);
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians);
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, ianPort));
        await WaitForPortAsync(ianPort);
        await StoreStudyAsync(archive, work.File("study"), 2);

        var taskId = await ExportAsync(archive.Http, "");
        await WaitForStatusAsync(archive.Http, "Export1", taskId, "SCHEDULED FOR RETRY");
        Assert.Empty(await TasksAsync(archive.Http, "IANSCU"));
        await using var storescp = StartDcmtkStorescp(work.File("received"), storePort);
        await WaitForStatusAsync(archive.Http, "Export1", taskId, "COMPLETED");
        var ian = await WaitForTaskAsync(archive.Http, "IANSCU", t => Status(t) == "COMPLETED", "COMPLETED");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(await TasksAsync(archive.Http, "IANSCU"));
        var file = Assert.Single(Directory.GetFiles(ians), f => !Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(Text(ian, "SOPInstanceUID"), Path.GetFileName(file));
    }

    [Fact]
    public async Task CancellingAnExportInProcessStopsItBetweenInstancesAndItStaysCanceled()
    {
        using var work = new TemporaryDirectory();
        var received = work.File("received");
        var storePort = FreePort();
        await using var storescp = StartDcmtkStorescp(received, storePort, "--sleep-during", "1");
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, 1));
        await WaitForPortAsync(storePort);
        await StoreStudyAsync(archive, work.File("study"), 10);

        var taskId = await ExportAsync(archive.Http, "");
        await WaitForStatusAsync(archive.Http, "Export1", taskId, "IN PROCESS");
        await WaitForFilesAsync(received, 1);
        using (var cancel = await archive.Http.PostAsync($"/dcm4chee-arc/queue/Export1/{taskId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }

        await WaitForStatusAsync(archive.Http, "Export1", taskId, "CANCELED");

        // storescp --sleep-during sleeps for every PDU, so the instance in flight when the cancel came takes a few
        // seconds more to land; after it nothing more may come (10 instances would take half a minute).
        await Task.Delay(TimeSpan.FromSeconds(8));
        var sent = Files(received);
        Assert.InRange(sent, 1, 3);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(sent, Files(received));
        Assert.Contains(archive.Log.Lines, l => l.Contains($"Task {taskId} ended CANCELED, but it was cancelled", StringComparison.Ordinal));
        Assert.Equal("CANCELED", Status(Assert.Single(await TasksAsync(archive.Http, "Export1"))));
        Assert.Empty(await TasksAsync(archive.Http, "IANSCU"));
    }

    [Fact]
    public async Task ReschedulingAnExportInProcessCancelsTheRunAndRunsItAgainToTheEnd()
    {
        using var work = new TemporaryDirectory();
        var received = work.File("received");
        var storePort = FreePort();
        await using var storescp = StartDcmtkStorescp(received, storePort, "--sleep-during", "1");
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, 1));
        await WaitForPortAsync(storePort);
        await StoreStudyAsync(archive, work.File("study"), 4);

        var taskId = await ExportAsync(archive.Http, "");
        await WaitForStatusAsync(archive.Http, "Export1", taskId, "IN PROCESS");
        await WaitForFilesAsync(received, 1);
        using (var reschedule = await archive.Http.PostAsync($"/dcm4chee-arc/queue/Export1/{taskId}/reschedule", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reschedule.StatusCode);
        }

        var done = await WaitForStatusAsync(archive.Http, "Export1", taskId, "COMPLETED");
        Assert.Equal("4 of 4 instances sent", Text(done, "outcomeMessage"));
        Assert.False(done.TryGetProperty("failures", out _));
        Assert.Single(await TasksAsync(archive.Http, "Export1"));
    }

    [Fact]
    public async Task DeletingAnExportInProcessStopsItAndTheTaskIsGone()
    {
        using var work = new TemporaryDirectory();
        var received = work.File("received");
        var storePort = FreePort();
        await using var storescp = StartDcmtkStorescp(received, storePort, "--sleep-during", "1");
        await using var archive = await TestArchive.StartAsync(_backend, d => Configure(d, storePort, 1));
        await WaitForPortAsync(storePort);
        await StoreStudyAsync(archive, work.File("study"), 10);

        var taskId = await ExportAsync(archive.Http, "");
        await WaitForStatusAsync(archive.Http, "Export1", taskId, "IN PROCESS");
        await WaitForFilesAsync(received, 1);
        using (var delete = await archive.Http.DeleteAsync($"/dcm4chee-arc/queue/Export1/{taskId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty(await TasksAsync(archive.Http, "Export1"));

        // As for a cancel: the instance in flight may still land, slowly (storescp sleeps per PDU); nothing after it.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var sent = Files(received);
        Assert.InRange(sent, 1, 3);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(sent, Files(received));
        Assert.Empty(await TasksAsync(archive.Http, "Export1"));
    }

    [Fact]
    public async Task CancelRescheduleAndDeleteOfAScheduledExport()
    {
        using var work = new TemporaryDirectory();
        var received = work.File("received");
        var storePort = FreePort();
        await using var storescp = StartDcmtkStorescp(received, storePort);
        await using var archive = await TestArchive.StartAsync(_backend, d =>
        {
            var device = Configure(d, storePort, 1);
            return device with { Archive = device.Archive with { ExportRules = [new ExportRule { Name = "later", Entity = "Study", ExporterIds = ["STORESCP"], Duration = "PT1H" }] } };
        });
        await WaitForPortAsync(storePort);
        await StoreStudyAsync(archive, work.File("study"), 1);
        var taskId = TaskId(await WaitForTaskAsync(archive.Http, "Export1", t => Status(t) == "SCHEDULED", "SCHEDULED"));

        using (var cancel = await archive.Http.PostAsync($"/dcm4chee-arc/queue/Export1/{taskId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }

        await WaitForStatusAsync(archive.Http, "Export1", taskId, "CANCELED");
        using (var again = await archive.Http.PostAsync($"/dcm4chee-arc/queue/Export1/{taskId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var reschedule = await archive.Http.PostAsync($"/dcm4chee-arc/queue/Export1/{taskId}/reschedule", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reschedule.StatusCode);
        }

        await WaitForStatusAsync(archive.Http, "Export1", taskId, "COMPLETED");
        await WaitForFilesAsync(received, 1);

        // A new SCHEDULED task (the rule again, for a second study) deleted before it runs never runs.
        StudyCopies.Write(work.File("study2"), StudyUid + ".2", 1);
        Assert.Equal(0, (await Peers.StoreAsync(archive, work.File("study2"))).ExitCode);
        var second = TaskId(await WaitForTaskAsync(archive.Http, "Export1", t => Status(t) == "SCHEDULED", "SCHEDULED"));
        using (var delete = await archive.Http.DeleteAsync($"/dcm4chee-arc/queue/Export1/{second}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal([taskId], (await TasksAsync(archive.Http, "Export1")).Select(TaskId));
        Assert.Equal(1, Files(received));
    }

    // The walkthrough's remote AEs on the test's ports; retries after 1 s on both queues.
    private static ArchiveDevice Configure(ArchiveDevice device, int storePort, int ianPort) => device with
    {
        RemoteApplicationEntities =
        [
            new RemoteAE { AETitle = "STORESCP", Hostname = "127.0.0.1", Port = storePort },
            new RemoteAE { AETitle = "IANSCP", Hostname = "127.0.0.1", Port = ianPort },
        ],
        Archive = device.Archive with
        {
            Queues = [.. device.Archive.Queues.Select(q => q.Name is "Export1" or "IANSCU" ? q with { RetryDelay = "PT1S", RetryDelayMultiplier = 100, MaxRetries = 30 } : q)],
        },
    };

    private static RunningProcess StartDcmtkStorescp(string folder, int port, params string[] options)
    {
        Directory.CreateDirectory(folder);
        return RunningProcess.Start("storescp", [.. options, "-od", folder, "-aet", "STORESCP", port.ToString(CultureInfo.InvariantCulture)], DcmtkEnvironment);
    }

    private static async Task StoreStudyAsync(TestArchive archive, string folder, int instances)
    {
        StudyCopies.Write(folder, StudyUid, instances);
        Assert.Equal(0, (await Peers.StoreAsync(archive, folder)).ExitCode);
    }

    private static async Task<long> ExportAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{StudyUid}/export/STORESCP{query}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return TaskId(body.RootElement);
    }

    private static int Files(string folder) => Directory.GetFiles(folder).Count(f => !Path.GetFileName(f).StartsWith('.'));

    private static async Task WaitForFilesAsync(string folder, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Files(folder) < count)
        {
            Assert.True(clock.Elapsed < Patience, $"{folder} did not get {count} files");
            await Task.Delay(20);
        }
    }
}
