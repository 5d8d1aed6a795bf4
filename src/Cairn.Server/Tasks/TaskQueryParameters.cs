using System.Globalization;
using Cairn.Archive.Tasks;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Tasks;

/// <summary>
/// The queue API's query parameters read into a filter, paging and order; a bad value is an
/// <see cref="ArgumentException"/> naming the parameter. The monitoring pages' filter forms use the same names, so
/// that this one parser reads both (a time range may also come as two values, from and to: the pages' two pickers).
/// </summary>
public sealed record TaskQueryParameters(TaskFilter Filter, TaskOrder Order, int Offset, int Limit)
{
    private static readonly string[] TimeFormats = ["yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMdd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];

    public static TaskQueryParameters Parse(string? queue, IQueryCollection query)
    {
        string? One(string name) => query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

        var filter = new TaskFilter
        {
            Queue = queue,
            DeviceName = One("dicomDeviceName"),
            BatchId = One("batchID"),
            LocalAET = One("localAET"),
            RemoteAET = One("remoteAET"),
            StudyInstanceUid = One("StudyInstanceUID"),
            ExporterId = One("ExporterID"),
            Statuses = Statuses(query.TryGetValue("status", out var statuses) ? statuses : StringValues.Empty),
        };
        if (One("taskID") is { } id)
        {
            filter = filter with
            {
                TaskId = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var taskId) ? taskId : throw new ArgumentException($"taskID: '{id}' is not a task id"),
            };
        }

        if (Range("createdTime", query) is var (createdFrom, createdTo))
        {
            filter = filter with { CreatedFrom = createdFrom, CreatedTo = createdTo };
        }

        if (Range("updatedTime", query) is var (updatedFrom, updatedTo))
        {
            filter = filter with { UpdatedFrom = updatedFrom, UpdatedTo = updatedTo };
        }

        var order = One("orderby") is { } orderBy
            ? TaskOrder.Parse(orderBy) ?? throw new ArgumentException($"orderby: '{orderBy}' is not one of [-]createdTime, [-]updatedTime, [-]scheduledTime")
            : TaskOrder.Default;
        var offset = Number("offset", One("offset"), 0, 99999, 0);
        var limit = Number("limit", One("limit"), 1, 99999, 1000);
        return new TaskQueryParameters(filter, order, offset, limit);
    }

    /// <summary>A time given as <c>scheduledTime</c>: DICOM (yyyyMMddHHmmss) or ISO-8601, local time unless it says otherwise.</summary>
    public static DateTimeOffset? ScheduledTime(IQueryCollection query) =>
        ScheduledTime(query.TryGetValue("scheduledTime", out var values) ? values[0] : null);

    /// <summary>A <c>scheduledTime</c> as a form gives it; null when empty.</summary>
    public static DateTimeOffset? ScheduledTime(string? text) =>
        string.IsNullOrEmpty(text) ? null : Time("scheduledTime", text);

    private static List<QueueTaskStatus>? Statuses(StringValues values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var statuses = new List<QueueTaskStatus>();
        foreach (var value in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            statuses.Add(QueueTaskStatuses.TryParse(value, out var status)
                ? status
                : throw new ArgumentException($"status: '{value}' is not one of SCHEDULED, SCHEDULED FOR RETRY, IN PROCESS, COMPLETED, WARNING, FAILED, CANCELED"));
        }

        return statuses;
    }

    // One value in DICOM range syntax, or two: from and to, either of them empty. Null when no side is given.
    private static (DateTimeOffset? From, DateTimeOffset? To)? Range(string name, IQueryCollection query)
    {
        if (!query.TryGetValue(name, out var values) || values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        if (values.Count == 2)
        {
            return (string.IsNullOrEmpty(values[0]) ? null : Time(name, values[0]!), string.IsNullOrEmpty(values[1]) ? null : Time(name, values[1]!));
        }

        return Range(name, values[0]!);
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(string name, string text)
    {
        // DICOM range syntax: from-to, from-, -to. ISO times hold hyphens of their own, so split on the one that
        // leaves two parseable sides.
        if (!text.Contains('-', StringComparison.Ordinal))
        {
            var single = Time(name, text);
            return (single, single);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '-')
            {
                continue;
            }

            var left = text[..i];
            var right = text[(i + 1)..];
            if ((left.Length == 0 || TryTime(left, out _)) && (right.Length == 0 || TryTime(right, out _)) && (left.Length > 0 || right.Length > 0))
            {
                return (left.Length == 0 ? null : Time(name, left), right.Length == 0 ? null : Time(name, right));
            }
        }

        throw new ArgumentException($"{name}: '{text}' is not a time range (yyyyMMddHHmmss-yyyyMMddHHmmss, either side may be left out)");
    }

    /// <summary>A time as the parameter <paramref name="name"/> takes it (also what a datetime-local input sends).</summary>
    public static DateTimeOffset ParseTime(string name, string text) => Time(name, text);

    private static DateTimeOffset Time(string name, string text) =>
        TryTime(text, out var time) ? time : throw new ArgumentException($"{name}: '{text}' is not a time (yyyyMMddHHmmss or ISO-8601)");

    private static bool TryTime(string text, out DateTimeOffset time)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time) && (text.Contains('+', StringComparison.Ordinal) || text.EndsWith('Z')))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            time = new DateTimeOffset(local);
            return true;
        }

        return false;
    }

    private static int Number(string name, string? text, int min, int max, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name}: '{text}' is not a number from {min} to {max}");
    }
}
