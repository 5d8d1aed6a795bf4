using Cairn.Archive.Export;

namespace Cairn.Archive.Tests;

/// <summary>Schedule windows are judged in the archive's time zone (its TimeProvider's), not the machine's.</summary>
public sealed class ScheduleExpressionTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo PlusEight = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
    private static readonly TimeZoneInfo PlusTwo = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");

    [Fact]
    public void TheHourIsTheZonesHour()
    {
        var evening = ScheduleExpression.Parse("hour=18-6");
        var noonUtc = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.False(evening.Contains(noonUtc, Utc));
        Assert.True(evening.Contains(noonUtc, PlusEight));
        Assert.Equal(noonUtc, ScheduleExpression.NextInside([evening], noonUtc, PlusEight));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero), ScheduleExpression.NextInside([evening], noonUtc, Utc));
    }

    [Fact]
    public void TheDayOfWeekIsTheZonesDay()
    {
        // Sunday 23:30 UTC is Monday 01:30 two hours east.
        var weekdays = ScheduleExpression.Parse("dayOfWeek=1-5");
        var sundayNight = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero);

        Assert.False(weekdays.Contains(sundayNight, Utc));
        Assert.True(weekdays.Contains(sundayNight, PlusTwo));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), ScheduleExpression.NextInside([weekdays], sundayNight, Utc));
    }
}
