using System.Globalization;

namespace Cairn.Archive.Export;

/// <summary>
/// dcm4che's schedule windows: <c>hour=18-6 dayOfWeek=1-5</c> (hours 0–23, days 0–6 with 0 = Sunday; ranges may
/// wrap past midnight or the weekend, lists are comma-separated; a part left out means any). A time is inside when
/// both its hour and its day are.
/// </summary>
public sealed class ScheduleExpression
{
    private readonly bool[] _hours;
    private readonly bool[] _days;

    private ScheduleExpression(bool[] hours, bool[] days, string text)
    {
        _hours = hours;
        _days = days;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses an expression; a bad one is a <see cref="FormatException"/> that says what is wrong.</summary>
    public static ScheduleExpression Parse(string text)
    {
        bool[]? hours = null;
        bool[]? days = null;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? part[..equals] : part;
            var value = equals > 0 ? part[(equals + 1)..] : "";
            switch (name)
            {
                case "hour":
                    hours = Set(value, 24, text, "hour");
                    break;
                case "dayOfWeek":
                    days = Set(value, 7, text, "dayOfWeek");
                    break;
                default:
                    throw new FormatException($"'{text}': '{part}' is neither hour=… nor dayOfWeek=…");
            }
        }

        return new ScheduleExpression(hours ?? All(24), days ?? All(7), text);
    }

    /// <summary>Whether <paramref name="time"/>, in <paramref name="zone"/> (the archive's), is inside the window.</summary>
    public bool Contains(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return _hours[local.Hour] && _days[(int)local.DayOfWeek];
    }

    /// <summary>The first time at or after <paramref name="time"/> inside any of <paramref name="schedules"/> (itself when none is given).</summary>
    public static DateTimeOffset NextInside(IReadOnlyList<ScheduleExpression> schedules, DateTimeOffset time, TimeZoneInfo zone)
    {
        if (schedules.Count == 0 || schedules.Any(s => s.Contains(time, zone)))
        {
            return time;
        }

        // Whole hours from the next one on: a week holds every combination of hour and day.
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var candidate = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).AddHours(1);
        for (var i = 0; i < 24 * 8; i++, candidate = candidate.AddHours(1))
        {
            if (schedules.Any(s => s.Contains(candidate, zone)))
            {
                return candidate;
            }
        }

        return time;
    }

    private static bool[] Set(string value, int size, string text, string name)
    {
        var set = new bool[size];
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            var from = Number(dash > 0 ? item[..dash] : item, size, text, name);
            var to = dash > 0 ? Number(item[(dash + 1)..], size, text, name) : from;
            for (var i = from; ; i = (i + 1) % size)
            {
                set[i] = true;
                if (i == to)
                {
                    break;
                }
            }
        }

        return set.Any(b => b) ? set : throw new FormatException($"'{text}': {name} has no value");
    }

    private static int Number(string text, int size, string expression, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < size
            ? n
            : throw new FormatException($"'{expression}': {name} '{text}' is not a number from 0 to {size - 1}");

    private static bool[] All(int size) => Enumerable.Repeat(true, size).ToArray();
}
