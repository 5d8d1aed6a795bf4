using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Archive.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Cairn.Archive.Tests.Support.TaskWaits;

namespace Cairn.Archive.Tests;

/// <summary>The task queue: workers that run due tasks at once and exactly once, retries, and the operators' REST API.</summary>
public abstract class TaskQueueTests
{
    private const string Queue = "TestQueue";

    private readonly IndexBackend _backend;

    protected TaskQueueTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Fact]
    public async Task ADueTaskRunsAtOnceAndIsRecordedCompleted()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var clock = Stopwatch.StartNew();

        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        Assert.Equal($"ran task {task.TaskId}", done.OutcomeMessage);
        Assert.Single(processor.Runs);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.NotNull(done.ProcessingStartTime);
        Assert.NotNull(done.ProcessingEndTime);
        Assert.Null(done.ClaimedBy);
    }

    [Fact]
    public async Task ATaskCreatedRightAfterAnotherFinishedStartsAtOnce()
    {
        // The worker's wait for a wake-up from the previous run must not swallow the next task's wake-up, which
        // would leave that task waiting for the polling interval: 30 s here, so that a loaded machine's stalls of a
        // second (seen in a full run) cannot be mistaken for it.
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor, polling: "PT30S");
        var store = archive.Services.GetRequiredService<TaskStore>();
        await WaitForStatusAsync(store, (await store.CreateAsync(NewTask(), CancellationToken.None)).TaskId, QueueTaskStatus.Completed);

        for (var i = 0; i < 3; i++)
        {
            var task = await store.CreateAsync(NewTask(), CancellationToken.None);
            var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);
            var waited = done.ProcessingStartTime!.Value - done.CreatedTime;
            Assert.True(waited < TimeSpan.FromSeconds(10), $"task {i + 2} waited {waited.TotalMilliseconds} ms to start");
        }
    }

    [Fact]
    public async Task AScheduledTaskWaitsForItsTime()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var due = DateTimeOffset.UtcNow.AddSeconds(1.5);

        var task = await store.CreateAsync(NewTask() with { ScheduledTime = due }, CancellationToken.None);
        await Task.Delay(500);
        Assert.Equal(QueueTaskStatus.Scheduled, (await store.GetAsync(task.TaskId, CancellationToken.None))!.Status);
        await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        var (_, started) = Assert.Single(processor.Runs);
        Assert.True(started >= due.AddMilliseconds(-20), $"started {started:O}, due {due:O}");
        Assert.True(started < due.AddSeconds(1), $"started {started:O}, due {due:O}");
    }

    [Fact]
    public async Task AFailedTaskIsRetriedWithTheQueuesBackoffUntilItCompletes()
    {
        var processor = new ScriptedProcessor();
        processor.Script("fail", "throw");
        await using var archive = await StartAsync(processor, retryDelay: "PT0.2S", multiplier: 200, maxRetries: 3);
        var store = archive.Services.GetRequiredService<TaskStore>();

        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        Assert.Equal(3, processor.Runs.Count);
        Assert.Equal(2, done.Failures);
        var runs = processor.Runs.ToArray();
        Assert.True(runs[1].Started - runs[0].Started >= TimeSpan.FromMilliseconds(180), $"first retry after {runs[1].Started - runs[0].Started}");
        Assert.True(runs[2].Started - runs[1].Started >= TimeSpan.FromMilliseconds(380), $"second retry after {runs[2].Started - runs[1].Started}");
    }

    [Fact]
    public async Task WhenRetriesRunOutTheTaskStaysFailedWithItsError()
    {
        var processor = new ScriptedProcessor();
        processor.Script("throw", "throw", "throw");
        await using var archive = await StartAsync(processor, retryDelay: "PT0.1S", maxRetries: 1);
        var store = archive.Services.GetRequiredService<TaskStore>();

        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        var failed = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Failed);
        await Task.Delay(400);

        Assert.Equal("scripted exception", failed.ErrorMessage);
        Assert.Equal(2, failed.Failures);
        Assert.Equal(2, processor.Runs.Count);
    }

    [Fact]
    public async Task CancellingARunningTaskStopsItAndItStaysCanceled()
    {
        var processor = new ScriptedProcessor();
        processor.Script("block");
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        await processor.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(QueueTaskStatus.InProcess, (await store.GetAsync(task.TaskId, CancellationToken.None))!.Status);

        var cancel = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/{task.TaskId}/cancel", null);
        var again = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/{task.TaskId}/cancel", null);
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Cannot cancel Task with status: CANCELED", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(QueueTaskStatus.Canceled, (await store.GetAsync(task.TaskId, CancellationToken.None))!.Status);
        Assert.Contains(archive.Log.Lines, l => l.Contains($"Task {task.TaskId} ended CANCELED, but it was cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReschedulingAFinishedTaskRunsItAgainWithItsRunCleared()
    {
        var processor = new ScriptedProcessor();
        processor.Script("warn");
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Warning);

        var reschedule = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/{task.TaskId}/reschedule", null);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        Assert.Equal(HttpStatusCode.NoContent, reschedule.StatusCode);
        Assert.Equal(2, processor.Runs.Count);
        Assert.Equal(0, done.Failures);
    }

    [Fact]
    public async Task TheQueueListsCountsAndFiltersTasksAsTheSpecSays()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var later = DateTimeOffset.UtcNow.AddHours(1);
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync(NewTask() with { ScheduledTime = later, BatchId = i < 2 ? "B1" : "B2", StudyInstanceUid = $"1.2.3.{i}", RemoteAET = "STORESCP", ExporterId = "STORESCP" }, CancellationToken.None);
        }

        var all = await GetArrayAsync(archive, $"/dcm4chee-arc/queue/{Queue}");
        var batch = await GetArrayAsync(archive, $"/dcm4chee-arc/queue/{Queue}?batchID=B1");
        var page = await GetArrayAsync(archive, $"/dcm4chee-arc/queue/{Queue}?orderby=createdTime&offset=1&limit=2");
        var study = await GetArrayAsync(archive, $"/dcm4chee-arc/queue/{Queue}?StudyInstanceUID=1.2.3.4&status=SCHEDULED");
        var count = await archive.Http.GetStringAsync($"/dcm4chee-arc/queue/{Queue}/count?status=SCHEDULED&remoteAET=STORESCP");
        var none = await archive.Http.GetStringAsync($"/dcm4chee-arc/queue/{Queue}/count?status=COMPLETED");

        Assert.Equal(5, all.Count);
        Assert.Equal(2, batch.Count);
        Assert.Equal(2, page.Count);
        Assert.True(page[0].GetProperty("taskID").GetInt64() < page[1].GetProperty("taskID").GetInt64());
        var one = Assert.Single(study);
        Assert.Equal("SCHEDULED", one.GetProperty("status").GetString());
        Assert.Equal(Queue, one.GetProperty("queue").GetString());
        Assert.Equal("TEST", one.GetProperty("type").GetString());
        Assert.Equal("1.2.3.4", one.GetProperty("StudyInstanceUID").GetString());
        Assert.False(one.TryGetProperty("failures", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", one.GetProperty("createdTime").GetString());
        Assert.Equal("{\"count\":5}", count);
        Assert.Equal("{\"count\":0}", none);
    }

    [Theory]
    [InlineData("?status=DONE", "status: 'DONE'")]
    [InlineData("?limit=0", "limit: '0'")]
    [InlineData("?offset=x", "offset: 'x'")]
    [InlineData("?orderby=name", "orderby: 'name'")]
    [InlineData("?createdTime=yesterday", "createdTime: 'yesterday'")]
    public async Task AMalformedFilterIsA400NamingIt(string query, string message)
    {
        await using var archive = await StartAsync(new ScriptedProcessor());
        var response = await archive.Http.GetAsync($"/dcm4chee-arc/queue/{Queue}{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownQueuesAndTasksAre404()
    {
        await using var archive = await StartAsync(new ScriptedProcessor());
        var queue = await archive.Http.GetAsync("/dcm4chee-arc/queue/NOPE");
        var task = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/424242/cancel", null);
        var delete = await archive.Http.DeleteAsync($"/dcm4chee-arc/queue/{Queue}/424242");

        Assert.Equal(HttpStatusCode.NotFound, queue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.Contains("No such Task : 424242", await task.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task BulkCancelNeedsAnOpenStatusAndBulkRescheduleAndDeleteTakeFilters()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var later = DateTimeOffset.UtcNow.AddHours(1);
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(NewTask() with { ScheduledTime = later, BatchId = i % 2 == 0 ? "EVEN" : "ODD" }, CancellationToken.None);
        }

        var noStatus = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/cancel", null);
        var finished = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/cancel?status=COMPLETED", null);
        var cancel = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/cancel?status=SCHEDULED&batchID=EVEN", null);
        var reschedule = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/reschedule?status=CANCELED&scheduledTime=20991231235959", null);
        var delete = await archive.Http.DeleteAsync($"/dcm4chee-arc/queue/{Queue}?batchID=ODD");

        Assert.Equal(HttpStatusCode.BadRequest, noStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Equal("{\"count\":3}", await cancel.Content.ReadAsStringAsync());
        Assert.Equal("{\"count\":3}", await reschedule.Content.ReadAsStringAsync());
        Assert.Equal("{\"count\":3}", await delete.Content.ReadAsStringAsync());
        var left = await store.ListAsync(new TaskFilter { Queue = Queue }, TaskOrder.Default, 0, 100, CancellationToken.None);
        Assert.Equal(3, left.Count);
        Assert.All(left, t => Assert.Equal(QueueTaskStatus.Scheduled, t.Status));
        Assert.All(left, t => Assert.Equal(2099, t.ScheduledTime.ToLocalTime().Year));
        Assert.Empty(processor.Runs);
    }

    [Fact]
    public async Task ADeletedTasksIdIsNeverGivenToAnotherTask()
    {
        // Regression: on SQLite the id of the newest task, once deleted, went to the next task made, so an operator's
        // id, an audit record or an IAN's causedByTaskID could name a task it never meant.
        await using var archive = await StartAsync(new ScriptedProcessor());
        var store = archive.Services.GetRequiredService<TaskStore>();
        var later = DateTimeOffset.UtcNow.AddHours(1);
        await store.CreateAsync(NewTask() with { ScheduledTime = later }, CancellationToken.None);
        var newest = await store.CreateAsync(NewTask() with { ScheduledTime = later }, CancellationToken.None);

        var deleted = await archive.Http.DeleteAsync($"/dcm4chee-arc/queue/{Queue}/{newest.TaskId}");
        var next = await store.CreateAsync(NewTask() with { ScheduledTime = later }, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(next.TaskId > newest.TaskId, $"task {next.TaskId} was given an id at or below the deleted task {newest.TaskId}");
    }

    [Fact]
    public async Task RescheduleOnANewDeviceTakesOnlyThisArchivesOwnAndRefusesAnotherWith409()
    {
        await using var archive = await StartAsync(new ScriptedProcessor());
        var store = archive.Services.GetRequiredService<TaskStore>();
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var task = await store.CreateAsync(NewTask() with { ScheduledTime = later }, CancellationToken.None);

        var other = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/{task.TaskId}/reschedule?newDeviceName=other-arc&scheduledTime=20991231235959", null);
        var otherInBulk = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/reschedule?newDeviceName=dcm4chee-arc&newDeviceName=other-arc&scheduledTime=20991231235959", null);
        var unchanged = await store.GetAsync(task.TaskId, CancellationToken.None);
        var own = await archive.Http.PostAsync($"/dcm4chee-arc/queue/{Queue}/{task.TaskId}/reschedule?newDeviceName=dcm4chee-arc&scheduledTime=20991231235959", null);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("Device other-arc is not known here", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, otherInBulk.StatusCode);
        Assert.Equal(later.ToUnixTimeSeconds(), unchanged!.ScheduledTime.ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(2099, (await store.GetAsync(task.TaskId, CancellationToken.None))!.ScheduledTime.ToLocalTime().Year);
    }

    [Fact]
    public async Task ATaskADeadProcessOfThisMachineLeftInProcessRunsAtOnceNotAfterItsLease()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor, installed: false);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        using (var gone = Process.Start("true"))
        {
            await gone.WaitForExitAsync();
            var node = TaskNodeName.Create(archive.Configuration.Current.DeviceName, Environment.MachineName, gone.Id);
            Assert.Single(await store.ClaimAsync(Queue, node, 1, TimeSpan.FromHours(1), CancellationToken.None));
        }

        await archive.Configuration.UpdateAsync(d => d with { Archive = d.Archive with { Queues = [.. d.Archive.Queues, Descriptor()] } }, CancellationToken.None);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        Assert.Single(processor.Runs);
        Assert.Contains(archive.Log.Lines, l => l.Contains($"1 tasks of queue {Queue} were left IN PROCESS by a process of this machine that is gone", StringComparison.Ordinal));
        Assert.Null(done.ClaimedBy);
    }

    [Fact]
    public async Task ATaskWhoseNodeDiedIsTakenOverWhenItsLeaseRunsOut()
    {
        var processor = new ScriptedProcessor();
        await using var archive = await StartAsync(processor, installed: false);
        var store = archive.Services.GetRequiredService<TaskStore>();
        var task = await store.CreateAsync(NewTask(), CancellationToken.None);
        var claimed = await store.ClaimAsync(Queue, "dead-node", 1, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.Equal(task.TaskId, Assert.Single(claimed).TaskId);

        await archive.Configuration.UpdateAsync(d => d with { Archive = d.Archive with { Queues = [.. d.Archive.Queues, Descriptor()] } }, CancellationToken.None);
        var done = await WaitForStatusAsync(store, task.TaskId, QueueTaskStatus.Completed);

        Assert.Single(processor.Runs);
        Assert.Equal($"ran task {task.TaskId}", done.OutcomeMessage);
    }

    private async Task<TestArchive> StartAsync(ScriptedProcessor processor, string retryDelay = "PT1M", int multiplier = 100, int maxRetries = 0, bool installed = true, string polling = "PT1S")
    {
        var queue = Descriptor() with { RetryDelay = retryDelay, RetryDelayMultiplier = multiplier, MaxRetries = maxRetries };
        return await TestArchive.StartAsync(
            _backend,
            d => d with { Archive = d.Archive with { Queues = [.. d.Archive.Queues.Where(q => q.Name != Queue), .. installed ? new[] { queue } : []], TaskPollingInterval = polling } },
            services => services.AddSingleton<ITaskProcessor>(processor));
    }

    private static QueueDescriptor Descriptor() => new() { Name = Queue, Description = "test queue" };

    private static NewTask NewTask() => new() { Queue = Queue, Type = "TEST", LocalAET = "DCM4CHEE" };

    private static async Task<List<JsonElement>> GetArrayAsync(TestArchive archive, string path)
    {
        using var document = JsonDocument.Parse(await archive.Http.GetStringAsync(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
