using Cairn.Archive.Configuration;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// Monitoring → Export: every EXPORT task, on whichever queue its exporter uses (REST's <c>/monitor/export</c>); its
/// All actions menu also moves the matching exports to another exporter (REST's <c>POST /monitor/export/reschedule/{newExporterID}</c>).
/// </summary>
public sealed class ExportModel(TaskService tasks, ConfigurationStore configuration, TimeProvider time) : TaskMonitorModel(tasks, configuration, time)
{
    public override string PagePath => "/monitoring/export";

    public override string PageKey => "export";

    public override string ScopeLabel => "export tasks";

    protected override (TaskScope? Scope, string? Problem) ResolveScope() => (TaskService.Exports, null);

    /// <summary>
    /// Schedules every matching export again on <paramref name="newExporterID"/> (its queue, local and remote AE), as the
    /// REST API does: the exporter checked first, then the filter (<paramref name="status"/> is the form's choice when
    /// the filter names none; empty: any), then the time.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAllAsync(string? newExporterID, string? status, string? scheduledTime, CancellationToken cancellationToken)
    {
        var began = Time.GetUtcNow();
        if (string.IsNullOrEmpty(newExporterID))
        {
            return Back("newExporterID: choose the exporter to move the tasks to", error: true);
        }

        var (target, problem) = Service.ExporterTarget(newExporterID);
        return problem is not null
            ? Back(problem.Error!, error: true)
            : await RescheduleAllAsync(began, status, scheduledTime, target, $"moved to {newExporterID}", cancellationToken).ConfigureAwait(false);
    }
}
