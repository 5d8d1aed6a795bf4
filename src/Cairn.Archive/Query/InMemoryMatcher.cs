using System.Text.RegularExpressions;
using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// Matching keys on attributes the index has no column for, applied to a result's decoded attributes: single value,
/// wildcard, range and UID list on string values (any of several values may match; person names ignore case).
/// Keys on binary values (US, FD, …) and sequences are not applied.
/// </summary>
public sealed class InMemoryMatcher
{
    private readonly List<Func<DicomDataset, bool>> _tests = [];

    public InMemoryMatcher(IEnumerable<MatchingKey> keys)
    {
        foreach (var key in keys)
        {
            if (key.VR.IsString)
            {
                _tests.Add(Test(key));
            }
        }
    }

    public bool IsEmpty => _tests.Count == 0;

    public bool Matches(DicomDataset dataset) => _tests.TrueForAll(t => t(dataset));

    private static Func<DicomDataset, bool> Test(MatchingKey key)
    {
        var tag = key.Tag;
        var value = key.Value.Trim();
        Func<string, bool> one;
        if (key.IsRange)
        {
            var range = MatchingRange.Parse(key);
            one = range.Contains;
        }
        else if (key.VR == DicomVR.UI)
        {
            var uids = value.Split('\\', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            one = uids.Contains;
        }
        else if (key.HasWildcard)
        {
            var options = key.VR == DicomVR.PN ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant;
            var pattern = new Regex("^" + Regex.Escape(value).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", options | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            one = pattern.IsMatch;
        }
        else if (key.VR == DicomVR.PN)
        {
            one = v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase) || v.StartsWith(value + "=", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            one = v => string.Equals(v, value, StringComparison.Ordinal);
        }

        return dataset =>
        {
            try
            {
                return dataset.GetStrings(tag).Any(one);
            }
            catch (Exception e) when (e is DicomFormatException or DicomValueException)
            {
                return false;
            }
        };
    }
}
