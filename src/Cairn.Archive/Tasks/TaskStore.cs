using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Dapper;

namespace Cairn.Archive.Tasks;

/// <summary>
/// The task queue in the index database: creating tasks, claiming due ones for a worker (so that none runs twice,
/// across processes too), recording outcomes with the queue's retry policy, and the operators' list, count, cancel,
/// reschedule and delete, one by one or by filter.
/// </summary>
public sealed class TaskStore
{
    private static readonly string Waiting = "'SCHEDULED', 'SCHEDULED FOR RETRY'";
    private static readonly string Open = "'SCHEDULED', 'SCHEDULED FOR RETRY', 'IN PROCESS'";

    private readonly IndexDatabase _database;
    private readonly ConfigurationStore _configuration;
    private readonly TaskSignals _signals;
    private readonly TimeProvider _time;

    public TaskStore(IndexDatabase database, ConfigurationStore configuration, TaskSignals signals, TimeProvider time)
    {
        _database = database;
        _configuration = configuration;
        _signals = signals;
        _time = time;
    }

    /// <summary>Creates a task; a task due now wakes its queue's workers.</summary>
    public async Task<QueueTask> CreateAsync(NewTask task, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var created = await CreateAsync(connection, transaction, task, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        WakeIfDue(created);
        return created;
    }

    /// <summary>Creates a task inside the caller's transaction; the caller wakes the queue after committing.</summary>
    public async Task<QueueTask> CreateAsync(DbConnection connection, DbTransaction transaction, NewTask task, CancellationToken cancellationToken)
    {
        var now = IndexTime.Format(_time.GetUtcNow());
        var row = await connection.QuerySingleAsync<TaskRow>(new CommandDefinition(
            $"""
            INSERT INTO task (device_name, queue_name, task_type, status, batch_id, failures, created_time, updated_time, scheduled_time,
                requester_user_id, requester_host, request_uri, local_aet, remote_aet, study_iuid, series_iuid, sop_iuid, exporter_id,
                num_instances, modalities, caused_by_fk, payload)
            VALUES (@device, @Queue, @Type, 'SCHEDULED', @BatchId, 0, @now, @now, @scheduled,
                @RequesterUserId, @RequesterHost, @RequestUri, @LocalAET, @RemoteAET, @StudyInstanceUid, @SeriesInstanceUid, @SopInstanceUid, @ExporterId,
                @NumberOfInstances, @Modalities, @CausedByTaskId, @Payload)
            RETURNING {TaskRow.Columns}
            """,
            new
            {
                device = _configuration.Current.DeviceName, task.Queue, task.Type, task.BatchId, now,
                scheduled = IndexTime.Format(task.ScheduledTime ?? _time.GetUtcNow()),
                task.RequesterUserId, task.RequesterHost, task.RequestUri, task.LocalAET, task.RemoteAET, task.StudyInstanceUid,
                task.SeriesInstanceUid, task.SopInstanceUid, task.ExporterId, task.NumberOfInstances, task.Modalities, task.CausedByTaskId, task.Payload,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToTask();
    }

    /// <summary>Wakes the task's queue if it is due (after the transaction that made it committed).</summary>
    public void WakeIfDue(QueueTask task)
    {
        if (task.ScheduledTime <= _time.GetUtcNow())
        {
            _signals.Wake(task.Queue);
        }
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due tasks of <paramref name="queue"/> for <paramref name="node"/>: waiting
    /// ones whose time has come, and IN PROCESS ones whose node let its lease run out (it died).
    /// </summary>
    public async Task<IReadOnlyList<QueueTask>> ClaimAsync(string queue, string node, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var lockRows = _database.Dialect("", " FOR UPDATE SKIP LOCKED");
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"""
            UPDATE task SET status = 'IN PROCESS', claimed_by = @node, lease_until = @leaseUntil, proc_start_time = @now, proc_end_time = NULL, updated_time = @now
            WHERE pk IN (
                SELECT pk FROM task
                WHERE queue_name = @queue
                  AND ((status IN ({Waiting}) AND scheduled_time <= @now) OR (status = 'IN PROCESS' AND lease_until < @now))
                ORDER BY scheduled_time
                LIMIT @max{lockRows})
            RETURNING {TaskRow.Columns}
            """,
            new { node, leaseUntil = IndexTime.Format(now + lease), now = IndexTime.Format(now), queue, max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTask()).OrderBy(t => t.ScheduledTime)];
    }

    /// <summary>
    /// Puts the IN PROCESS tasks of <paramref name="queue"/> whose claimant <paramref name="isStale"/> says is gone back
    /// to SCHEDULED (due as they were), unclaimed; returns how many.
    /// </summary>
    public async Task<int> ReleaseClaimsAsync(string queue, Func<string, bool> isStale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isStale);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var claimants = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT claimed_by FROM task WHERE queue_name = @queue AND status = 'IN PROCESS' AND claimed_by IS NOT NULL",
            new { queue },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var released = 0;
        foreach (var claimant in claimants.Where(isStale))
        {
            released += await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE task SET status = 'SCHEDULED', claimed_by = NULL, lease_until = NULL, proc_start_time = NULL, updated_time = @now
                WHERE queue_name = @queue AND status = 'IN PROCESS' AND claimed_by = @claimant
                """,
                new { queue, claimant, now = IndexTime.Format(_time.GetUtcNow()) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return released;
    }

    /// <summary>The earliest time a waiting task of <paramref name="queue"/> is due, if there is one.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT MIN(scheduled_time) FROM task WHERE queue_name = @queue AND status IN ({Waiting})",
            new { queue },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return next is null ? null : IndexTime.Parse(next);
    }

    /// <summary>Extends <paramref name="node"/>'s lease on a running task; false when it is no longer its to run.</summary>
    public async Task<bool> RenewLeaseAsync(long taskId, string node, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE task SET lease_until = @leaseUntil WHERE pk = @taskId AND status = 'IN PROCESS' AND claimed_by = @node",
            new { leaseUntil = IndexTime.Format(_time.GetUtcNow() + lease), taskId, node },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return updated == 1;
    }

    /// <summary>
    /// Records how a run ended, if the task is still <paramref name="node"/>'s (it was not cancelled, rescheduled or
    /// deleted meanwhile). A FAILED run, or a WARNING one where the queue says so, is scheduled again while the
    /// queue's retries last. Returns the task as recorded, or null when the result was not the task's to record.
    /// </summary>
    public async Task<QueueTask?> FinishAsync(QueueTask task, string node, TaskResult result, CancellationToken cancellationToken)
    {
        var queue = _configuration.Current.Archive.FindQueue(task.Queue) ?? new QueueDescriptor { Name = task.Queue };
        var now = _time.GetUtcNow();
        var status = result.Status;
        var failures = task.Failures;
        var scheduled = task.ScheduledTime;
        if (status == QueueTaskStatus.Failed || (status == QueueTaskStatus.Warning && queue.RetryOnWarning))
        {
            failures++;
            if (failures <= queue.MaxRetries)
            {
                scheduled = now + queue.RetryDelayAfter(failures);
                status = QueueTaskStatus.ScheduledForRetry;
            }
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"""
            UPDATE task SET status = @status, failures = @failures, scheduled_time = @scheduled, proc_end_time = @now, updated_time = @now,
                outcome_msg = @outcome, error_msg = @error, claimed_by = NULL, lease_until = NULL,
                num_instances = COALESCE(@instances, num_instances), modalities = COALESCE(@modalities, modalities)
            WHERE pk = @taskId AND status = 'IN PROCESS' AND claimed_by = @node
            RETURNING {TaskRow.Columns}
            """,
            new
            {
                status = status.Text(), failures, scheduled = IndexTime.Format(scheduled), now = IndexTime.Format(now),
                outcome = result.OutcomeMessage, error = result.ErrorMessage, taskId = task.TaskId, node,
                instances = result.Figures?.NumberOfInstances, modalities = result.Figures?.Modalities,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        IReadOnlyList<QueueTask> followers = [];
        if (status == QueueTaskStatus.Completed && result.OnCompleted is { } also)
        {
            followers = await also(connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var follower in followers)
        {
            WakeIfDue(follower);
        }

        return row.ToTask();
    }

    /// <summary>Gives back a task <paramref name="node"/> claimed but did not finish (the archive is stopping).</summary>
    public async Task ReleaseAsync(QueueTask task, string node, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE task SET status = @status, claimed_by = NULL, lease_until = NULL, proc_start_time = NULL, updated_time = @now WHERE pk = @taskId AND status = 'IN PROCESS' AND claimed_by = @node",
            new { status = (task.Failures > 0 ? QueueTaskStatus.ScheduledForRetry : QueueTaskStatus.Scheduled).Text(), now = IndexTime.Format(_time.GetUtcNow()), taskId = task.TaskId, node },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<QueueTask?> GetAsync(long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, taskId, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<QueueTask?> GetAsync(DbConnection connection, DbTransaction? transaction, long taskId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {TaskRow.Columns} FROM task WHERE pk = @taskId", new { taskId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToTask();
    }

    /// <summary>A page of the tasks <paramref name="filter"/> matches.</summary>
    public async Task<IReadOnlyList<QueueTask>> ListAsync(TaskFilter filter, TaskOrder order, int offset, int limit, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = TaskFilterSql.Where(filter, parameters);
        parameters.Add("offset", offset);
        parameters.Add("limit", limit);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT {TaskRow.Columns} FROM task WHERE {where} ORDER BY {order.Column} {(order.Descending ? "DESC" : "ASC")}, pk {(order.Descending ? "DESC" : "ASC")} LIMIT @limit OFFSET @offset",
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTask())];
    }

    /// <summary>
    /// A page of the batches of the tasks <paramref name="filter"/> matches (tasks without a batch ID are left out),
    /// in one GROUP BY: newest first by the latest of the order's times, oldest first by the earliest.
    /// </summary>
    public async Task<IReadOnlyList<TaskBatch>> ListBatchesAsync(TaskFilter filter, TaskOrder order, int offset, int limit, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = TaskFilterSql.Where(filter, parameters);
        parameters.Add("offset", offset);
        parameters.Add("limit", limit);
        var statuses = Enum.GetValues<QueueTaskStatus>();
        var counts = string.Join(", ", statuses.Select(s => $"SUM(CASE WHEN status = '{s.Text()}' THEN 1 ELSE 0 END) AS n{(int)s}"));

        // The distinct names as a JSON array: no separator that a name could hold.
        string Names(string column) => _database.Dialect($"json_group_array(DISTINCT {column})", $"CAST(json_agg(DISTINCT {column}) AS TEXT)");
        var sort = order.Descending ? $"MAX({order.Column}) DESC, batch_id DESC" : $"MIN({order.Column}) ASC, batch_id ASC";
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT batch_id, {counts},
                MIN(created_time), MAX(created_time), MIN(updated_time), MAX(updated_time), MIN(scheduled_time), MAX(scheduled_time),
                {Names("exporter_id")}, {Names("device_name")}
            FROM task WHERE {where} AND batch_id IS NOT NULL
            GROUP BY batch_id
            ORDER BY {sort}
            LIMIT @limit OFFSET @offset
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var batches = new List<TaskBatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var byStatus = new Dictionary<QueueTaskStatus, long>();
            for (var i = 0; i < statuses.Length; i++)
            {
                if (Convert.ToInt64(reader.GetValue(1 + i), CultureInfo.InvariantCulture) is var n and > 0)
                {
                    byStatus[statuses[i]] = n;
                }
            }

            var time = 1 + statuses.Length;
            DateTimeOffset Time(int column) => IndexTime.Parse(reader.GetString(time + column));
            batches.Add(new TaskBatch(
                reader.GetString(0),
                byStatus,
                Time(0), Time(1), Time(2), Time(3), Time(4), Time(5),
                NameList(reader.GetString(time + 6)),
                NameList(reader.GetString(time + 7))));
        }

        return batches;
    }

    public async Task<long> CountAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = TaskFilterSql.Where(filter, parameters);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM task WHERE {where}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Cancels one open task; a finished one is a conflict. A running one is stopped.</summary>
    public async Task<TaskChange> CancelAsync(long taskId, CancellationToken cancellationToken)
    {
        var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new TaskChange(TaskChangeResult.NotFound);
        }

        if (!task.Status.IsOpen())
        {
            return new TaskChange(TaskChangeResult.Conflict, task.Status);
        }

        var count = await CancelAsync(new TaskFilter { TaskId = taskId }, cancellationToken).ConfigureAwait(false);
        return count == 1 ? new TaskChange(TaskChangeResult.Done, task.Status) : await CancelAsync(taskId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels every open task <paramref name="filter"/> matches; returns how many.</summary>
    public async Task<int> CancelAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        var now = IndexTime.Format(_time.GetUtcNow());
        return await ChangeAsync(
            filter,
            Open,
            where => $"UPDATE task SET status = 'CANCELED', proc_end_time = CASE WHEN status = 'IN PROCESS' THEN @now ELSE proc_end_time END, updated_time = @now, lease_until = NULL WHERE {where}",
            parameters => parameters.Add("now", now),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules one task again (any status) at <paramref name="when"/> (now when null), clearing its run; on
    /// <paramref name="target"/>'s queue, peers and exporter when one is given (an export moved to another exporter).
    /// A running one is stopped first.
    /// </summary>
    public async Task<TaskChange> RescheduleAsync(long taskId, TaskTarget? target, DateTimeOffset? when, CancellationToken cancellationToken)
    {
        var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new TaskChange(TaskChangeResult.NotFound);
        }

        await RescheduleAsync(new TaskFilter { TaskId = taskId }, target, when, cancellationToken).ConfigureAwait(false);
        return new TaskChange(TaskChangeResult.Done, task.Status);
    }

    /// <summary>
    /// Schedules every task <paramref name="filter"/> matches again, on <paramref name="target"/>'s queue, peers and
    /// exporter when one is given; running ones are stopped first. Returns how many.
    /// </summary>
    public async Task<int> RescheduleAsync(TaskFilter filter, TaskTarget? target, DateTimeOffset? when, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var scheduled = when ?? now;
        var moved = target is null ? "" : ", queue_name = @t_queue, exporter_id = @t_exporter, local_aet = @t_local, remote_aet = @t_remote";
        var count = await ChangeAsync(
            filter,
            null,
            where => $"""
                UPDATE task SET status = 'SCHEDULED', scheduled_time = @scheduled, updated_time = @now, failures = 0, proc_start_time = NULL, proc_end_time = NULL,
                    error_msg = NULL, outcome_msg = NULL, claimed_by = NULL, lease_until = NULL{moved}
                WHERE {where}
                """,
            parameters =>
            {
                parameters.Add("scheduled", IndexTime.Format(scheduled));
                parameters.Add("now", IndexTime.Format(now));
                if (target is not null)
                {
                    parameters.Add("t_queue", target.Queue);
                    parameters.Add("t_exporter", target.ExporterId);
                    parameters.Add("t_local", target.LocalAET);
                    parameters.Add("t_remote", target.RemoteAET);
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (count > 0 && scheduled <= now)
        {
            IEnumerable<string> queues = target is not null ? [target.Queue] : filter.Queue is { } q ? [q] : _configuration.Current.Archive.Queues.Select(d => d.Name);
            foreach (var queue in queues)
            {
                _signals.Wake(queue);
            }
        }

        return count;
    }

    /// <summary>Deletes one task (any status); a running one is stopped first.</summary>
    public async Task<TaskChange> DeleteAsync(long taskId, CancellationToken cancellationToken)
    {
        var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new TaskChange(TaskChangeResult.NotFound);
        }

        await DeleteAsync(new TaskFilter { TaskId = taskId }, cancellationToken).ConfigureAwait(false);
        return new TaskChange(TaskChangeResult.Done, task.Status);
    }

    /// <summary>Deletes every task <paramref name="filter"/> matches; returns how many.</summary>
    public Task<int> DeleteAsync(TaskFilter filter, CancellationToken cancellationToken) =>
        ChangeAsync(filter, null, where => $"DELETE FROM task WHERE {where}", _ => { }, cancellationToken);

    /// <summary>Deletes the queue's finished tasks whose purge delay has passed since their last update.</summary>
    public async Task<int> PurgeAsync(QueueDescriptor queue, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var (status, delay) in new[]
        {
            (QueueTaskStatus.Completed, queue.PurgeCompletedDelay), (QueueTaskStatus.Failed, queue.PurgeFailedDelay),
            (QueueTaskStatus.Warning, queue.PurgeWarningDelay), (QueueTaskStatus.Canceled, queue.PurgeCanceledDelay),
        })
        {
            if (delay is null)
            {
                continue;
            }

            purged += await DeleteAsync(
                new TaskFilter { Queue = queue.Name, Statuses = [status], UpdatedNotAfter = _time.GetUtcNow() - IsoDuration.Parse(delay) },
                cancellationToken).ConfigureAwait(false);
        }

        return purged;
    }

    // A JSON array of names (SQL NULLs among them) as the names, sorted.
    private static string[] NameList(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Order(StringComparer.Ordinal)];
    }

    // Runs one change over the matching tasks in a transaction, and stops the runs of those that were IN PROCESS here.
    private async Task<int> ChangeAsync(TaskFilter filter, string? onlyStatuses, Func<string, string> statement, Action<DynamicParameters> addParameters, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = TaskFilterSql.Where(filter, parameters);
        if (onlyStatuses is not null)
        {
            where += $" AND status IN ({onlyStatuses})";
        }

        addParameters(parameters);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var running = (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT pk FROM task WHERE {where} AND status = 'IN PROCESS'", parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var count = await connection.ExecuteAsync(new CommandDefinition(statement(where), parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var taskId in running)
        {
            _signals.Cancel(taskId);
        }

        return count;
    }
}
