using System.Text;
using Cairn.Archive.Index;
using Dapper;

namespace Cairn.Archive.Audit;

/// <summary>
/// The audit record in the index database: appended to, never changed; listed newest first and counted by filter.
/// </summary>
public sealed class AuditStore(IndexDatabase database)
{
    /// <summary>The kinds of action recorded.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["export", "ian", "task", "configuration", "login", "logout", "other"];

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit (event_time, user_name, host, action, method, uri, detail, status, outcome)
            VALUES (@time, @User, @Host, @Action, @Method, @Uri, @Detail, @Status, @Outcome)
            """,
            new { time = IndexTime.Format(record.Time), record.User, record.Host, record.Action, record.Method, record.Uri, record.Detail, record.Status, record.Outcome },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(filter);
        parameters.Add("offset", offset);
        parameters.Add("limit", limit);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT pk AS Id, event_time AS Time, user_name AS UserName, host AS Host, action AS Action, method AS Method, uri AS Uri,
                   detail AS Detail, status AS Status, outcome AS Outcome
            FROM audit {where} ORDER BY event_time DESC, pk DESC LIMIT @limit OFFSET @offset
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new AuditRecord(r.Id, IndexTime.Parse(r.Time), r.UserName, r.Host, r.Action, r.Method, r.Uri, r.Detail, (int)r.Status, r.Outcome))];
    }

    public async Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(filter);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM audit {where}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static (string Where, DynamicParameters Parameters) Where(AuditFilter filter)
    {
        var conditions = new StringBuilder();
        var parameters = new DynamicParameters();
        void Add(string condition, string name, object value)
        {
            conditions.Append(conditions.Length == 0 ? "WHERE " : " AND ").Append(condition);
            parameters.Add(name, value);
        }

        if (filter.User is { } user)
        {
            Add("user_name = @user", "user", user);
        }

        if (filter.Action is { } action)
        {
            Add("action = @action", "action", action);
        }

        if (filter.Outcome is { } outcome)
        {
            Add("outcome = @outcome", "outcome", outcome);
        }

        if (filter.Since is { } since)
        {
            Add("event_time >= @since", "since", IndexTime.Format(since));
        }

        if (filter.Until is { } until)
        {
            Add("event_time <= @until", "until", IndexTime.Format(until));
        }

        return (conditions.ToString(), parameters);
    }

    private sealed record Row(long Id, string Time, string UserName, string Host, string Action, string Method, string Uri, string Detail, long Status, string Outcome);
}
