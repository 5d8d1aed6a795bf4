using System.Xml;

namespace Cairn.Archive.Configuration;

/// <summary>ISO-8601 durations as dcm4che writes them (<c>PT30S</c>, <c>PT10M</c>, <c>P1D</c>).</summary>
public static class IsoDuration
{
    /// <summary>Why <paramref name="text"/> is not a duration, or null.</summary>
    public static string? Check(string text)
    {
        try
        {
            return Parse(text) < TimeSpan.Zero ? $"'{text}' is negative" : null;
        }
        catch (FormatException)
        {
            return $"'{text}' is not an ISO-8601 duration such as PT30S, PT10M or P1D";
        }
    }

    public static TimeSpan Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text[0] is not ('P' or '-'))
        {
            throw new FormatException($"'{text}' is not an ISO-8601 duration");
        }

        // XmlConvert reads xs:duration, which is ISO-8601's PnYnMnDTnHnMnS.
        return XmlConvert.ToTimeSpan(text);
    }
}
