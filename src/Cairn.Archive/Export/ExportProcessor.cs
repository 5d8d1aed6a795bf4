using Cairn.Archive.Configuration;
using Cairn.Archive.Ian;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Microsoft.Extensions.Logging;

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
    private readonly InstanceSender _sender;
    private readonly TaskStore _tasks;
    private readonly DicomClient _client;

    public ExportProcessor(ConfigurationStore configuration, InstanceLocator locator, InstanceSender sender, TaskStore tasks, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _locator = locator;
        _sender = sender;
        _tasks = tasks;
        _client = new DicomClient(loggers.CreateLogger("Cairn.Export"));
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
            return TaskResult.Warning("no instances to export");
        }

        if (exporter.IsNoop)
        {
            return Completed(task, exporter, study, $"noop: {instances.Count} instances not sent");
        }

        var destinationTitle = exporter.DestinationAETitle!;
        if (device.FindRemoteAE(destinationTitle) is not { } destination)
        {
            return TaskResult.Failed($"Unknown AE: {destinationTitle}");
        }

        DicomAssociation association;
        try
        {
            association = await _client.ConnectAsync(
                destination.Hostname,
                destination.Port,
                new AssociationOptions
                {
                    CallingAETitle = exporter.ExportAsSourceAE && instances[0].SendingAETitle is { Length: > 0 } source ? source : exporter.AETitle,
                    CalledAETitle = destinationTitle,
                    PresentationContexts = InstanceSender.Proposals(instances),
                    MaxPduLength = 0x10000,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ResponseTimeout = TimeSpan.FromMinutes(2),
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or AssociationRejectedException or AssociationAbortedException or TimeoutException)
        {
            return TaskResult.Failed($"cannot associate with {destinationTitle} at {destination.Hostname}:{destination.Port}: {e.Message}");
        }

        int completed = 0, warning = 0, failed = 0;
        var canceled = false;
        string? lastProblem = null;
        await using (association.ConfigureAwait(false))
        {
            var contexts = association.PresentationContexts;
            PreparedInstance? next = null;
            try
            {
                for (var i = 0; i < instances.Count; i++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        canceled = true;
                        break;
                    }

                    // Prepared during the previous instance's wait, except the first.
                    using var current = next ?? _sender.Prepare(association, contexts, instances[i]);
                    next = null;
                    (SubOperationOutcome Outcome, string? Problem) result;
                    if (current.Problem is { } unsendable)
                    {
                        result = (SubOperationOutcome.Failed, unsendable);
                        next = i + 1 < instances.Count ? _sender.Prepare(association, contexts, instances[i + 1]) : null;
                    }
                    else
                    {
                        var request = DimseCommand.CStoreRequest(association.NextMessageId(), current.Instance.SopClassUid, current.Instance.SopInstanceUid);
                        await InstanceSender.SendAsync(association, current, request, CancellationToken.None).ConfigureAwait(false);

                        // The next file is opened while the peer stores this one.
                        next = i + 1 < instances.Count ? _sender.Prepare(association, contexts, instances[i + 1]) : null;
                        var response = await association.ReceiveResponseAsync(request, CancellationToken.None).ConfigureAwait(false);
                        result = InstanceSender.Outcome(association, response.Command);
                    }

                    switch (result.Outcome)
                    {
                        case SubOperationOutcome.Completed:
                            completed++;
                            break;
                        case SubOperationOutcome.Warning:
                            warning++;
                            break;
                        default:
                            failed++;
                            lastProblem = result.Problem;
                            break;
                    }
                }

                await association.ReleaseAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or AssociationAbortedException or TimeoutException)
            {
                return TaskResult.Failed($"the association with {destinationTitle} failed after {completed} instances: {e.Message}", Counts(completed, warning, failed, instances.Count));
            }
            finally
            {
                next?.Dispose();
            }
        }

        var counts = Counts(completed, warning, failed, instances.Count);
        if (canceled)
        {
            return TaskResult.Canceled(counts);
        }

        if (failed > 0)
        {
            return completed + warning > 0 ? TaskResult.Warning($"{counts}; {lastProblem}") : TaskResult.Failed(lastProblem ?? "every instance failed", counts);
        }

        return warning > 0 ? TaskResult.Warning(counts) : Completed(task, exporter, study, counts);
    }

    private TaskResult Completed(QueueTask task, ExporterDescriptor exporter, string study, string outcome) =>
        TaskResult.Completed(outcome) with
        {
            OnCompleted = exporter.IanDestinations.Count == 0
                ? null
                : (connection, transaction, ct) => IanTasks.QueueAsync(connection, transaction, _tasks, exporter, study, task.TaskId, null, ct),
        };

    private static string Counts(int completed, int warning, int failed, int total) =>
        $"{completed} of {total} instances sent" + (warning > 0 ? $", {warning} with warnings" : "") + (failed > 0 ? $", {failed} failed" : "");
}
