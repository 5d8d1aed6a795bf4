using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Hosting;

/// <summary>
/// One <see cref="TaskWorker"/> per configured queue, for as long as the archive runs; a queue added to the
/// configuration gets its worker at once. On stop the workers stop claiming and give back what they had not finished.
/// </summary>
public sealed partial class TaskWorkersService : BackgroundService
{
    private readonly ConfigurationStore _configuration;
    private readonly TaskStore _store;
    private readonly TaskSignals _signals;
    private readonly IEnumerable<ITaskProcessor> _processors;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly string _node;

    public TaskWorkersService(ConfigurationStore configuration, TaskStore store, TaskSignals signals, IEnumerable<ITaskProcessor> processors, TimeProvider time, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _store = store;
        _signals = signals;
        _processors = processors;
        _time = time;
        _loggers = loggers;
        _node = TaskNodeName.Create(configuration.Current.DeviceName, Environment.MachineName, Environment.ProcessId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Dictionary<string, Task>(StringComparer.Ordinal);
        var changed = new SemaphoreSlim(0);
        using var watch = _configuration.Watch(_ => changed.Release());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var queue in _configuration.Current.Archive.Queues)
                {
                    if (!workers.ContainsKey(queue.Name))
                    {
                        var worker = new TaskWorker(queue.Name, _node, _store, _signals, _configuration, _processors, _time, _loggers.CreateLogger<TaskWorker>());
                        workers[queue.Name] = worker.RunAsync(stoppingToken);
                    }
                }

                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(workers.Values).ConfigureAwait(false);
            changed.Dispose();
        }
    }
}
