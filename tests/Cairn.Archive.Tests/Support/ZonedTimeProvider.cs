namespace Cairn.Archive.Tests.Support;

/// <summary>The system clock in another time zone: what "today" and "local time" mean to an archive that runs there.</summary>
public sealed class ZonedTimeProvider(TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;

    /// <summary>A zone at a fixed offset from UTC, no daylight saving.</summary>
    public static TimeZoneInfo Fixed(int hours) =>
        TimeZoneInfo.CreateCustomTimeZone($"UTC{hours:+0;-0}", TimeSpan.FromHours(hours), $"UTC{hours:+0;-0}", $"UTC{hours:+0;-0}");

    /// <summary>Today's date in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
}
