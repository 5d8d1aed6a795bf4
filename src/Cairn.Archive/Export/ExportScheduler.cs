using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Store;
using Cairn.Archive.Tasks;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Export;

/// <summary>
/// The export rules at work: for every stored object, which rules match (re-occurrence policy, schedule at receipt,
/// conditions), grouped by exporter with the coarsest entity winning, and one SCHEDULED export task per exporter and
/// study (or series, or instance) whose time moves later with each matching arrival — the export runs the rule's
/// Duration after the last object. A rule with ExportPreviousEntity also exports the study (Study rule) or series
/// (Series rule) that a replaced instance sat in, when it is another one than the new instance's.
/// </summary>
public sealed partial class ExportScheduler : IStoredInstanceObserver, IDisposable
{
    private readonly IndexDatabase _database;
    private readonly ConfigurationStore _configuration;
    private readonly TaskStore _tasks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CompiledConfiguration? _compiled;

    public ExportScheduler(IndexDatabase database, ConfigurationStore configuration, TaskStore tasks, TimeProvider time, ILogger<ExportScheduler> logger)
    {
        _database = database;
        _configuration = configuration;
        _tasks = tasks;
        _time = time;
        _logger = logger;
    }

    public async Task OnStoredAsync(StoredObject stored, CancellationToken cancellationToken)
    {
        foreach (var match in Evaluate(stored, _time.GetUtcNow()))
        {
            var task = await ScheduleAsync(match, stored.StudyInstanceUid, stored.SeriesInstanceUid, stored.SopInstanceUid, cancellationToken).ConfigureAwait(false);
            LogScheduled(match.Exporter.ExporterId, match.Entity, stored.StudyInstanceUid, task.TaskId, task.ScheduledTime);
            if (match.ExportPreviousEntity && PreviousEntity(match.Entity, stored) is { } left)
            {
                var previous = await ScheduleAsync(match, left.Study, left.Series, "*", cancellationToken).ConfigureAwait(false);
                LogPreviousScheduled(match.Exporter.ExporterId, match.Entity, left.Study, stored.SopInstanceUid, previous.TaskId, previous.ScheduledTime);
            }
        }
    }

    /// <summary>
    /// The study (Study rules) or series (Series rules) that the instance <paramref name="stored"/> replaced sat in,
    /// when it is another than the new instance's; null when there is none to export, and always for Instance rules.
    /// </summary>
    private static (string Study, string Series)? PreviousEntity(string entity, StoredObject stored) => entity switch
    {
        "Study" when stored.PreviousStudyInstanceUid is { } study && study != stored.StudyInstanceUid => (study, "*"),
        "Series" when stored is { PreviousStudyInstanceUid: { } study, PreviousSeriesInstanceUid: { } series } && series != stored.SeriesInstanceUid => (study, series),
        _ => null,
    };

    /// <summary>Which exporters the rules send <paramref name="stored"/> to, at which level and when (also the dry run's answer).</summary>
    public IReadOnlyList<ExportMatch> Evaluate(StoredObject stored, DateTimeOffset now)
    {
        var device = _configuration.Current;
        var compiled = Compiled();
        var byExporter = new Dictionary<string, ExportMatch>(StringComparer.Ordinal);

        // §CURRENT_DATE is today where the archive is, and its schedules' hours and days are there too.
        var zone = _time.LocalTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var rule in compiled.Rules)
        {
            if (!Reoccurs(rule.Rule.ExportReoccurredInstances, stored.Disposition)
                || (rule.Schedules.Count > 0 && !rule.Schedules.Any(s => s.Contains(now, zone)))
                || !rule.Conditions.All(c => c.Matches(stored.Dataset, stored.Context, today)))
            {
                continue;
            }

            foreach (var exporterId in rule.Rule.ExporterIds)
            {
                if (device.Archive.FindExporter(exporterId) is not { } exporter)
                {
                    continue;
                }

                var delay = rule.Rule.Duration is { } duration ? IsoDuration.Parse(duration) : TimeSpan.Zero;
                var candidate = new ExportMatch(
                    rule.Rule.Name, exporter, rule.Rule.Entity, ScheduleExpression.NextInside(compiled.ExporterSchedules[exporterId], now + delay, zone), rule.Rule.ExportPreviousEntity);
                if (!byExporter.TryGetValue(exporterId, out var existing) || Rank(candidate.Entity) < Rank(existing.Entity))
                {
                    byExporter[exporterId] = candidate;
                }
            }
        }

        return [.. byExporter.Values];
    }

    public void Dispose() => _gate.Dispose();

    // Creates or pushes back the SCHEDULED export of the given study, series and instance at the match's level.
    private async Task<QueueTask> ScheduleAsync(ExportMatch match, string study, string seriesUid, string sopUid, CancellationToken cancellationToken)
    {
        var series = match.Entity == "Study" ? "*" : seriesUid;
        var sop = match.Entity == "Instance" ? sopUid : "*";

        // One process at a time here, and on PostgreSQL one node at a time per exporter and study, so that two
        // arrivals never make two tasks where one should be pushed back.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_database.Provider == DatabaseProvider.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(hashtext(@key))", new { key = $"export:{match.Exporter.ExporterId}:{study}" }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var scope = match.Entity switch
            {
                "Study" => "",
                "Series" => " AND (series_iuid = @series OR series_iuid = '*')",
                _ => " AND (series_iuid = @series OR series_iuid = '*') AND (sop_iuid = @sop OR sop_iuid = '*')",
            };
            var existing = await connection.QueryFirstOrDefaultAsync<(long Pk, string ScheduledTime, string Series, string Sop)?>(new CommandDefinition(
                $"""
                SELECT pk, scheduled_time, series_iuid, sop_iuid FROM task
                WHERE task_type = 'EXPORT' AND status = 'SCHEDULED' AND exporter_id = @exporter AND study_iuid = @study{scope}
                ORDER BY pk LIMIT 1
                """,
                new { exporter = match.Exporter.ExporterId, study, series, sop },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            QueueTask task;
            if (existing is { } found)
            {
                // Later only, never earlier; and the scope only widens.
                var current = IndexTime.Parse(found.ScheduledTime);
                var scheduled = match.ScheduledTime > current ? match.ScheduledTime : current;
                var newSeries = match.Entity == "Study" ? "*" : found.Series;
                var newSop = match.Entity is "Study" or "Series" ? "*" : found.Sop;
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE task SET scheduled_time = @scheduled, series_iuid = @newSeries, sop_iuid = @newSop, device_name = @device, updated_time = @now WHERE pk = @pk",
                    new { scheduled = IndexTime.Format(scheduled), newSeries, newSop, device = _configuration.Current.DeviceName, now = IndexTime.Format(_time.GetUtcNow()), pk = found.Pk },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                task = (await TaskStore.GetAsync(connection, transaction, found.Pk, cancellationToken).ConfigureAwait(false))!;
            }
            else
            {
                task = await _tasks.CreateAsync(connection, transaction, ExportTasks.New(match.Exporter, study, series, sop, match.ScheduledTime), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _tasks.WakeIfDue(task);
            return task;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Rules, conditions and schedules are parsed once per configuration version, not per arriving object.
    private CompiledConfiguration Compiled()
    {
        var version = _configuration.Version;
        if (_compiled is { } compiled && compiled.Version == version)
        {
            return compiled;
        }

        var archive = _configuration.Current.Archive;
        compiled = new CompiledConfiguration(
            version,
            [.. archive.ExportRules.Select(r => new CompiledRule(r, [.. r.Conditions.Select(ExportCondition.Parse)], [.. r.Schedules.Select(ScheduleExpression.Parse)]))],
            archive.Exporters.ToDictionary(e => e.ExporterId, e => (IReadOnlyList<ScheduleExpression>)[.. e.Schedules.Select(ScheduleExpression.Parse)], StringComparer.Ordinal));
        _compiled = compiled;
        return compiled;
    }

    // NEVER: only a first arrival; REPLACE: whatever was stored; ALWAYS: every arrival, even one kept out as a duplicate.
    private static bool Reoccurs(string policy, StoreDisposition disposition) => policy switch
    {
        "ALWAYS" => true,
        "NEVER" => disposition == StoreDisposition.Stored,
        _ => disposition != StoreDisposition.Duplicate,
    };

    private static int Rank(string entity) => entity switch
    {
        "Study" => 0,
        "Series" => 1,
        _ => 2,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Export of {Entity} for exporter {ExporterId}, study {StudyInstanceUid}: task {TaskId} scheduled at {ScheduledTime}")]
    private partial void LogScheduled(string exporterId, string entity, string studyInstanceUid, long taskId, DateTimeOffset scheduledTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export of the previous {Entity} for exporter {ExporterId}, study {StudyInstanceUid}, which instance {SopInstanceUid} left: task {TaskId} scheduled at {ScheduledTime}")]
    private partial void LogPreviousScheduled(string exporterId, string entity, string studyInstanceUid, string sopInstanceUid, long taskId, DateTimeOffset scheduledTime);

    private sealed record CompiledRule(ExportRule Rule, IReadOnlyList<ExportCondition> Conditions, IReadOnlyList<ScheduleExpression> Schedules);

    private sealed record CompiledConfiguration(long Version, IReadOnlyList<CompiledRule> Rules, Dictionary<string, IReadOnlyList<ScheduleExpression>> ExporterSchedules);
}
