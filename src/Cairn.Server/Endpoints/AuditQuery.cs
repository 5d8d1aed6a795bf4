using System.Globalization;
using Cairn.Archive.Audit;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The audit record's filter as REST and the audit page take it: <c>user</c>, <c>action</c>, <c>outcome</c>,
/// <c>since</c> and <c>until</c> (ISO-8601), <c>offset</c>, <c>limit</c> (default 100, at most 1000). A bad value is an
/// <see cref="ArgumentException"/> naming the parameter.
/// </summary>
public sealed record AuditQuery(AuditFilter Filter, int Offset, int Limit)
{
    public static AuditQuery Parse(IQueryCollection query)
    {
        string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

        var action = Text("action");
        if (action is not null && !AuditStore.Actions.Contains(action))
        {
            throw new ArgumentException($"action: '{action}' is not one of {string.Join(", ", AuditStore.Actions)}");
        }

        var outcome = Text("outcome");
        if (outcome is not (null or "success" or "failure"))
        {
            throw new ArgumentException($"outcome: '{outcome}' is neither success nor failure");
        }

        return new AuditQuery(
            new AuditFilter { User = Text("user"), Action = action, Outcome = outcome, Since = Time("since", Text("since")), Until = Time("until", Text("until")) },
            Number("offset", Text("offset"), 0, int.MaxValue) ?? 0,
            Number("limit", Text("limit"), 1, 1000) ?? 100);
    }

    private static DateTimeOffset? Time(string name, string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new ArgumentException($"{name}: '{text}' is not a date and time (ISO-8601, e.g. 2026-11-29T08:00:00Z)");

    private static int? Number(string name, string? text, int least, int most) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least && value <= most ? value
        : throw new ArgumentException($"{name}: '{text}' is not a number from {least} to {most}");
}
