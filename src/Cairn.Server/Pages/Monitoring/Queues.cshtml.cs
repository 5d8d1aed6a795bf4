using Cairn.Archive.Configuration;
using Cairn.Server.Tasks;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>Monitoring → Queues: the tasks of one queue (<c>?queue=</c>, the first configured one by default).</summary>
public sealed class QueuesModel(TaskService tasks, ConfigurationStore configuration, TimeProvider time) : TaskMonitorModel(tasks, configuration, time)
{
    public override string PagePath => "/monitoring/queues";

    public override string PageKey => "queues";

    public override string ScopeLabel => TaskDisplay.QueueLabel(Device, QueueName);

    /// <summary>The queue shown.</summary>
    public string QueueName => Value("queue") is { Length: > 0 } queue ? queue : Device.Archive.Queues is [var first, ..] ? first.Name : "";

    protected override (TaskScope? Scope, string? Problem) ResolveScope() =>
        Service.QueueScope(QueueName) is { } scope ? (scope, null) : (null, $"No such Queue : {QueueName}");
}
