using System.Diagnostics;
using Cairn.Archive.Tasks;

namespace Cairn.Archive.Tests.Support;

/// <summary>Waiting on the task queue through the archive's <see cref="TaskStore"/>: for a status, or for a task to appear.</summary>
public static class TaskWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Task <paramref name="taskId"/> once it has <paramref name="status"/>; a timeout says what it has instead.</summary>
    public static async Task<QueueTask> WaitForStatusAsync(TaskStore store, long taskId, QueueTaskStatus status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var task = await store.GetAsync(taskId, CancellationToken.None);
            if (task?.Status == status)
            {
                return task;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"task {taskId} is {task?.Status.Text() ?? "gone"} ({task?.ErrorMessage}{task?.OutcomeMessage}), not {status.Text()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The one task <paramref name="filter"/> matches, once there is one.</summary>
    public static async Task<QueueTask> WaitForSingleAsync(TaskStore store, TaskFilter filter)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await store.ListAsync(filter, TaskOrder.Default, 0, 10, CancellationToken.None);
            if (tasks.Count > 0)
            {
                return Assert.Single(tasks);
            }

            Assert.True(deadline.Elapsed < Patience, "no task came");
            await Task.Delay(20);
        }
    }
}
