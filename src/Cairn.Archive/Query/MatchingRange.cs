using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// A range matching key on a DA, TM or DT attribute (PS3.4 C.2.2.2.5), as bounds that compare as text with the
/// values the index keeps. An upper bound covers all it names: <c>-1030</c> includes 10:30:59.999999, so it is
/// padded with nines to the full precision.
/// </summary>
public readonly record struct MatchingRange(string? Lower, string? Upper)
{
    /// <summary>The range in <paramref name="key"/>, or a <see cref="QueryKeyException"/> naming what is wrong.</summary>
    public static MatchingRange Parse(MatchingKey key)
    {
        var dash = key.Value.IndexOf('-', StringComparison.Ordinal);
        var lower = key.Value[..dash].Trim();
        var upper = key.Value[(dash + 1)..].Trim();
        if ((lower.Length == 0 && upper.Length == 0) || upper.Contains('-', StringComparison.Ordinal))
        {
            throw Invalid(key);
        }

        if ((lower.Length > 0 && !IsValue(key.VR, lower)) || (upper.Length > 0 && !IsValue(key.VR, upper)))
        {
            throw Invalid(key);
        }

        if (lower.Length > 0 && upper.Length > 0 && string.CompareOrdinal(lower, upper) > 0)
        {
            throw new QueryKeyException(key.Tag, $"{Name(key.Tag)} range '{key.Value}' ends before it starts");
        }

        return new MatchingRange(lower.Length > 0 ? lower : null, upper.Length > 0 ? PadUpper(key.VR, upper) : null);
    }

    /// <summary>Whether <paramref name="value"/> (as stored) lies in the range; empty values never do.</summary>
    public bool Contains(string value) =>
        value.Length > 0
        && (Lower is null || string.CompareOrdinal(value, Lower) >= 0)
        && (Upper is null || string.CompareOrdinal(value, Upper) <= 0);

    /// <summary>Whether <paramref name="value"/> is a valid DA, TM or DT value for a single value or a bound.</summary>
    public static bool IsValue(DicomVR vr, string value)
    {
        if (vr == DicomVR.DA)
        {
            return value.Length == 8 && value.All(char.IsAsciiDigit);
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? value : value[..dot];
        var fraction = dot < 0 ? "" : value[(dot + 1)..];
        var wholeLengths = vr == DicomVR.TM ? new[] { 2, 4, 6 } : [4, 6, 8, 10, 12, 14];
        return whole.All(char.IsAsciiDigit) && wholeLengths.Contains(whole.Length)
            && fraction.Length <= 6 && fraction.All(char.IsAsciiDigit)
            && (dot < 0 || whole.Length == wholeLengths[^1]);
    }

    private static string PadUpper(DicomVR vr, string upper)
    {
        if (vr == DicomVR.DA)
        {
            return upper;
        }

        var dot = upper.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? upper : upper[..dot];
        var fraction = dot < 0 ? "" : upper[(dot + 1)..];
        var full = vr == DicomVR.TM ? 6 : 14;
        return whole.PadRight(full, '9') + "." + fraction.PadRight(6, '9');
    }

    private static QueryKeyException Invalid(MatchingKey key) =>
        new(key.Tag, $"{Name(key.Tag)} '{key.Value}' is not a {key.VR} range (a-b, a-, -b with {(key.VR == DicomVR.DA ? "YYYYMMDD" : key.VR == DicomVR.TM ? "HHMMSS" : "YYYYMMDDHHMMSS")} values)");

    internal static string Name(DicomTag tag) => DicomDictionary.KeywordOf(tag) is { } keyword ? $"{keyword} {tag}" : tag.ToString();
}
