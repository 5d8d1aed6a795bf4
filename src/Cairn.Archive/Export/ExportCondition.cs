using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Dicom;

namespace Cairn.Archive.Export;

/// <summary>
/// One rule condition (<c>dcmProperty</c>): <c>key=regex</c> or <c>key!=regex</c>. The key is an association key
/// (SendingApplicationEntityTitle, ReceivingApplicationEntityTitle, SendingHostname, ReceivingHostname) or an
/// attribute path (keywords or ggggeeee tags, <c>.</c> between sequence levels, <c>[n]</c> for the n-th value). The
/// regex must match a whole value. <c>=</c> holds when any value matches (an empty pattern: when there is no value);
/// <c>!=</c> when none does (an empty pattern: when there is one), so an absent value satisfies it.
/// </summary>
public sealed class ExportCondition
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly HashSet<string> AssociationKeys = new(StringComparer.Ordinal)
    {
        "SendingApplicationEntityTitle", "ReceivingApplicationEntityTitle", "SendingHostname", "ReceivingHostname",
    };

    private readonly Regex? _pattern;
    private readonly IReadOnlyList<DicomTag> _path;
    private readonly int? _index;

    private ExportCondition(string text, string key, bool negated, Regex? pattern, IReadOnlyList<DicomTag> path, int? index)
    {
        Text = text;
        Key = key;
        Negated = negated;
        _pattern = pattern;
        _path = path;
        _index = index;
    }

    public string Text { get; }

    public string Key { get; }

    public bool Negated { get; }

    /// <summary>Parses a condition; a bad one is a <see cref="FormatException"/> naming what is wrong.</summary>
    public static ExportCondition Parse(string text)
    {
        var notEquals = text.IndexOf("!=", StringComparison.Ordinal);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"'{text}' is not key=pattern or key!=pattern");
        }

        var negated = notEquals > 0 && notEquals == equals - 1;
        var key = text[..(negated ? notEquals : equals)].Trim();
        var patternText = text[(equals + 1)..];
        Regex? pattern = null;
        if (patternText.Length > 0)
        {
            try
            {
                pattern = new Regex($"^(?:{patternText})$", RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"'{text}': the pattern is not a regular expression: {e.Message}", e);
            }
        }

        if (AssociationKeys.Contains(key))
        {
            return new ExportCondition(text, key, negated, pattern, [], null);
        }

        int? index = null;
        var pathText = key;
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0)
        {
            if (!key.EndsWith(']') || !int.TryParse(key[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new FormatException($"'{text}': '{key}' has an index that is not [1], [2], …");
            }

            index = n;
            pathText = key[..bracket];
        }

        var path = new List<DicomTag>();
        foreach (var part in pathText.Split('.'))
        {
            path.Add(Tag(part) ?? throw new FormatException($"'{text}': '{part}' is neither an attribute keyword, a tag (ggggeeee) nor an association key"));
        }

        return new ExportCondition(text, key, negated, pattern, path, index);
    }

    /// <summary>Whether the condition holds for a received object and its association.</summary>
    public bool Matches(DicomDataset dataset, ReceivedContext context)
    {
        var values = _path.Count == 0 ? AssociationValue(context) : AttributeValues(dataset);
        if (_index is { } n)
        {
            values = values.Count >= n ? [values[n - 1]] : [];
        }

        var any = _pattern is null ? values.Count == 0 : values.Any(v => _pattern.IsMatch(v));
        return Negated ? !(_pattern is null ? values.Count == 0 : any) : any;
    }

    private List<string> AssociationValue(ReceivedContext context)
    {
        var value = Key switch
        {
            "SendingApplicationEntityTitle" => context.SendingAETitle,
            "ReceivingApplicationEntityTitle" => context.ReceivingAETitle,
            "SendingHostname" => context.SendingHost,
            _ => context.ReceivingHost,
        };
        return string.IsNullOrEmpty(value) ? [] : [value];
    }

    private List<string> AttributeValues(DicomDataset dataset)
    {
        var level = new List<DicomDataset> { dataset };
        for (var i = 0; i < _path.Count - 1; i++)
        {
            level = [.. level.SelectMany(d => d.GetSequence(_path[i])?.Items ?? [])];
        }

        var values = new List<string>();
        foreach (var item in level)
        {
            try
            {
                values.AddRange(item.GetStrings(_path[^1]).Select(v => v.Trim()).Where(v => v.Length > 0));
            }
            catch (DicomFormatException)
            {
                // A value that cannot be read matches no pattern.
            }
        }

        return values;
    }

    private static DicomTag? Tag(string text)
    {
        if (text.Length == 8 && uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return new DicomTag(value);
        }

        return DicomDictionary.TryGetTag(text, out var tag) ? tag : null;
    }
}
