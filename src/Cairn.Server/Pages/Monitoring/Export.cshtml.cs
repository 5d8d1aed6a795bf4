using Cairn.Archive.Configuration;
using Cairn.Server.Tasks;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>Monitoring → Export: every EXPORT task, on whichever queue its exporter uses (REST's <c>/monitor/export</c>).</summary>
public sealed class ExportModel(TaskService tasks, ConfigurationStore configuration, TimeProvider time) : TaskMonitorModel(tasks, configuration, time)
{
    public override string PagePath => "/monitoring/export";

    public override string PageKey => "export";

    public override string ScopeLabel => "export tasks";

    protected override (TaskScope? Scope, string? Problem) ResolveScope() => (TaskService.Exports, null);
}
