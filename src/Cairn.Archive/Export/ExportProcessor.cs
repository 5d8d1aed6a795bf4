using Cairn.Archive.Configuration;
using Cairn.Archive.Ian;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;

namespace Cairn.Archive.Export;

/// <summary>
/// Runs EXPORT tasks: sends what the task's scope holds when it runs (not when it was scheduled) from the exporter's
/// AE to its destination by C-STORE, as stored, counting completed, warning and failed; maps the counts to the
/// spec's statuses; and, after a COMPLETED export, queues the study's IAN for each of the exporter's IAN destinations
/// in the same transaction that records the completion.
/// </summary>
public sealed class ExportProcessor : ITaskProcessor
{
    private readonly ConfigurationStore _configuration;
    private readonly InstanceLocator _locator;
    private readonly ExportSender _sender;
    private readonly TaskStore _tasks;

    public ExportProcessor(ConfigurationStore configuration, InstanceLocator locator, ExportSender sender, TaskStore tasks)
    {
        _configuration = configuration;
        _locator = locator;
        _sender = sender;
        _tasks = tasks;
    }

    public string Type => ExportTasks.Type;

    public async Task<TaskResult> ProcessAsync(QueueTask task, CancellationToken cancellationToken)
    {
        var device = _configuration.Current;
        if (device.Archive.FindExporter(task.ExporterId ?? "") is not { } exporter)
        {
            return TaskResult.Failed($"No such exporter: {task.ExporterId}");
        }

        var study = task.StudyInstanceUid ?? "";
        var series = task.SeriesInstanceUid is null or "*" ? null : task.SeriesInstanceUid;
        var sop = task.SopInstanceUid is null or "*" ? null : task.SopInstanceUid;
        var instances = await _locator.FindAsync(RetrieveKeys.For(study, series, sop), cancellationToken).ConfigureAwait(false);
        if (instances.Count == 0)
        {
            return TaskResult.Warning("no instances to export") with { Figures = new TaskScopeFigures(0, "") };
        }

        // Recorded whatever the run's end: what the scope held when it ran.
        return await SendAsync(task, device, exporter, study, instances, cancellationToken).ConfigureAwait(false) with { Figures = ExportTasks.FiguresOf(instances) };
    }

    private async Task<TaskResult> SendAsync(QueueTask task, ArchiveDevice device, ExporterDescriptor exporter, string study, IReadOnlyList<StoredInstance> instances, CancellationToken cancellationToken)
    {
        if (exporter.IsNoop)
        {
            return Completed(task, exporter, study, $"noop: {instances.Count} instances not sent");
        }

        var destinationTitle = exporter.DestinationAETitle!;
        if (device.FindRemoteAE(destinationTitle) is not { } destination)
        {
            return TaskResult.Failed($"Unknown AE: {destinationTitle}");
        }

        var callingAETitle = exporter.ExportAsSourceAE && instances[0].SendingAETitle is { Length: > 0 } source ? source : exporter.AETitle;
        var sent = await _sender.SendAsync(callingAETitle, destination, instances, cancellationToken).ConfigureAwait(false);
        if (sent.Error is { } error)
        {
            return sent.Associated ? TaskResult.Failed(error, sent.Counts) : TaskResult.Failed(error);
        }

        if (sent.Canceled)
        {
            return TaskResult.Canceled(sent.Counts);
        }

        // As the reference's DICOM exporter: failures with objects missing from the storage are FAILED (and retried);
        // failures alone (refused by the peer, no context for them), or missing objects alone, are WARNING.
        if (sent.Failed > 0)
        {
            return sent.Missing > 0 && sent.Failed > sent.Missing
                ? TaskResult.Failed(sent.LastProblem ?? "instances failed", sent.Counts)
                : TaskResult.Warning($"{sent.Counts}; {sent.LastProblem}");
        }

        return sent.Warning > 0 ? TaskResult.Warning(sent.Counts) : Completed(task, exporter, study, sent.Counts);
    }

    private TaskResult Completed(QueueTask task, ExporterDescriptor exporter, string study, string outcome) =>
        TaskResult.Completed(outcome) with
        {
            OnCompleted = exporter.IanDestinations.Count == 0
                ? null
                : (connection, transaction, ct) => IanTasks.QueueAsync(connection, transaction, _tasks, exporter, study, task.TaskId, null, ct),
        };
}
