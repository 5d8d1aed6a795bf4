using System.Globalization;

namespace Cairn.Archive.Index;

/// <summary>Times as the index stores them: ISO-8601 UTC text with milliseconds, which sorts as it compares.</summary>
public static class IndexTime
{
    private const string TextFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TextFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, TextFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
