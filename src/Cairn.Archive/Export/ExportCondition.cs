using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Dicom;

namespace Cairn.Archive.Export;

/// <summary>
/// One rule condition (<c>dcmProperty</c>): <c>key=pattern</c> or <c>key!=pattern</c>. The key is an association key
/// (SendingApplicationEntityTitle, ReceivingApplicationEntityTitle, SendingHostname, ReceivingHostname) or an
/// attribute path (keywords or ggggeeee tags, <c>.</c> between sequence levels, <c>[n]</c> for the n-th value). The
/// pattern is one of:
/// <list type="bullet">
/// <item>a regex that must match a whole value;</item>
/// <item>empty: "there is no value";</item>
/// <item>a code list <c>(value, scheme, "meaning")|…</c> (the path names a code sequence): an item of the sequence
/// whose code value and coding scheme designator are those of a listed code, the meaning ignored; a scheme written
/// <c>scheme;version</c> also wants that Coding Scheme Version;</item>
/// <item><c>§CURRENT_DATE</c>: a value that is today's date in the archive's time zone (a DA value, or the date of a
/// DT value);</item>
/// <item><c>§PATIENT_ID_EST</c>: a value that is a valid Estonian personal identification code (11 digits whose last
/// is the check digit of the first ten).</item>
/// </list>
/// <c>=</c> holds when any value (item) matches (an empty pattern: when there is none); <c>!=</c> when none does (an
/// empty pattern: when there is one), so an absent value satisfies every <c>!=</c> but <c>Attr!=</c>.
/// </summary>
public sealed class ExportCondition
{
    public const string CurrentDate = "§CURRENT_DATE";
    public const string EstonianPersonalCode = "§PATIENT_ID_EST";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly HashSet<string> AssociationKeys = new(StringComparer.Ordinal)
    {
        "SendingApplicationEntityTitle", "ReceivingApplicationEntityTitle", "SendingHostname", "ReceivingHostname",
    };

    private readonly Regex? _pattern;
    private readonly IReadOnlyList<Code>? _codes;
    private readonly Builtin _builtin;
    private readonly bool _dateTime;
    private readonly IReadOnlyList<DicomTag> _path;
    private readonly int? _index;

    private ExportCondition(string text, string key, bool negated, IReadOnlyList<DicomTag> path, int? index, Regex? pattern, IReadOnlyList<Code>? codes, Builtin builtin)
    {
        Text = text;
        Key = key;
        Negated = negated;
        _path = path;
        _index = index;
        _pattern = pattern;
        _codes = codes;
        _builtin = builtin;
        _dateTime = path.Count > 0 && DicomDictionary.VROf(path[^1]) == DicomVR.DT;
    }

    private enum Builtin
    {
        None,
        CurrentDate,
        EstonianPersonalCode,
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
        var isAssociationKey = AssociationKeys.Contains(key);
        Regex? pattern = null;
        IReadOnlyList<Code>? codes = null;
        var builtin = Builtin.None;
        if (IsCodeList(patternText))
        {
            if (isAssociationKey)
            {
                throw new FormatException($"'{text}': a code list is compared with the items of a code sequence, not with {key}");
            }

            codes = ParseCodes(text, patternText);
        }
        else if (patternText.StartsWith('§'))
        {
            builtin = patternText switch
            {
                CurrentDate => Builtin.CurrentDate,
                EstonianPersonalCode => Builtin.EstonianPersonalCode,
                _ => throw new FormatException($"'{text}': '{patternText}' is not a built-in ({CurrentDate} or {EstonianPersonalCode})"),
            };
        }
        else if (patternText.Length > 0)
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

        if (isAssociationKey)
        {
            return new ExportCondition(text, key, negated, [], null, pattern, null, builtin);
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

        if (codes is not null && DicomDictionary.VROf(path[^1]) is { } vr && vr != DicomVR.SQ)
        {
            throw new FormatException($"'{text}': a code list is compared with the items of a code sequence, and {pathText} is {vr}, not a sequence");
        }

        return new ExportCondition(text, key, negated, path, index, pattern, codes, builtin);
    }

    /// <summary>
    /// Whether the condition holds for a received object and its association, <paramref name="today"/> being the
    /// date in the archive's time zone (for <c>§CURRENT_DATE</c>).
    /// </summary>
    public bool Matches(DicomDataset dataset, ReceivedContext context, DateOnly today)
    {
        if (_codes is not null)
        {
            var items = Selected(CodeItems(dataset));
            var anyItem = items.Any(item => _codes.Any(code => code.Matches(item)));
            return Negated ? !anyItem : anyItem;
        }

        var values = Selected(_path.Count == 0 ? AssociationValue(context) : AttributeValues(dataset));
        if (_pattern is null && _builtin == Builtin.None)
        {
            // The empty pattern: = when there is no value, != when there is one.
            return Negated ? values.Count > 0 : values.Count == 0;
        }

        var todayText = _builtin == Builtin.CurrentDate ? today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "";
        var any = values.Any(v => _builtin switch
        {
            Builtin.CurrentDate => v == todayText || (_dateTime && v.Length > 8 && v.StartsWith(todayText, StringComparison.Ordinal)),
            Builtin.EstonianPersonalCode => IsEstonianPersonalCode(v),
            _ => _pattern!.IsMatch(v),
        });
        return Negated ? !any : any;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an Estonian personal identification code (isikukood): 11 digits, the last
    /// the check digit of the first ten: their sum weighted 1…9,1 modulo 11; if that is 10, the sum weighted 3…9,1,2,3
    /// modulo 11; if that is 10 again, 0.
    /// </summary>
    public static bool IsEstonianPersonalCode(string value)
    {
        if (value.Length != 11 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var check = WeightedRemainder(value, 1);
        if (check == 10)
        {
            check = WeightedRemainder(value, 3);
            if (check == 10)
            {
                check = 0;
            }
        }

        return value[10] - '0' == check;
    }

    // The weights run first, first + 1, … up to 9 and then restart at 1.
    private static int WeightedRemainder(string digits, int first)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (digits[i] - '0') * ((first - 1 + i) % 9 + 1);
        }

        return sum % 11;
    }

    private List<T> Selected<T>(List<T> all) =>
        _index is not { } n ? all : all.Count >= n ? [all[n - 1]] : [];

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

    private List<DicomDataset> Items(DicomDataset dataset, int levels)
    {
        var level = new List<DicomDataset> { dataset };
        for (var i = 0; i < levels; i++)
        {
            level = [.. level.SelectMany(d => d.GetSequence(_path[i])?.Items ?? [])];
        }

        return level;
    }

    // The items of the code sequence the whole path names, in every item of the sequences above it.
    private List<DicomDataset> CodeItems(DicomDataset dataset) => Items(dataset, _path.Count);

    private List<string> AttributeValues(DicomDataset dataset)
    {
        var values = new List<string>();
        foreach (var item in Items(dataset, _path.Count - 1))
        {
            try
            {
                values.AddRange(item.GetStrings(_path[^1]).Select(v => v.Trim()).Where(v => v.Length > 0));
            }
            catch (Exception e) when (e is DicomFormatException or DicomValueException)
            {
                // A value that cannot be read as text (or is not text) matches no pattern.
            }
        }

        return values;
    }

    // A code list is "(value, scheme, ...": a comma before the first ')'. A regular expression that starts with a group,
    // such as (CT|MR), stays one, as rules written before code lists were understood meant it.
    private static bool IsCodeList(string pattern)
    {
        if (!pattern.StartsWith('('))
        {
            return false;
        }

        var comma = pattern.IndexOf(',', StringComparison.Ordinal);
        var close = pattern.IndexOf(')', StringComparison.Ordinal);
        return comma > 0 && (close < 0 || comma < close);
    }

    // (value, scheme, "meaning")|(value, scheme;version, "meaning")|…, spaces allowed around each part.
    private static List<Code> ParseCodes(string condition, string list)
    {
        var codes = new List<Code>();
        var at = 0;
        while (true)
        {
            var number = codes.Count + 1;
            string Problem(string what) => $"'{condition}': code {number} of the list is not (value, scheme, \"meaning\"): {what}";
            SkipSpaces(list, ref at);
            if (at >= list.Length || list[at] != '(')
            {
                throw new FormatException(Problem("it does not start with '('"));
            }

            var valueEnd = list.IndexOf(',', at + 1);
            var schemeEnd = valueEnd < 0 ? -1 : list.IndexOf(',', valueEnd + 1);
            if (schemeEnd < 0)
            {
                throw new FormatException(Problem("it has fewer than three parts"));
            }

            var value = list[(at + 1)..valueEnd].Trim();
            var scheme = list[(valueEnd + 1)..schemeEnd].Trim();
            string? version = null;
            if (scheme.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0)
            {
                version = scheme[(semicolon + 1)..].Trim();
                scheme = scheme[..semicolon].Trim();
                if (version.Length == 0)
                {
                    throw new FormatException(Problem("the scheme's version after ';' is empty"));
                }
            }

            if (value.Length == 0 || value.Contains(')', StringComparison.Ordinal))
            {
                throw new FormatException(Problem(value.Length == 0 ? "the code value is empty" : $"the code value '{value}' holds ')'"));
            }

            if (scheme.Length == 0)
            {
                throw new FormatException(Problem("the coding scheme designator is empty"));
            }

            at = schemeEnd + 1;
            SkipSpaces(list, ref at);
            var meaningEnd = at < list.Length && list[at] == '"' ? list.IndexOf('"', at + 1) : -1;
            if (meaningEnd < 0)
            {
                throw new FormatException(Problem("the meaning is not in double quotes"));
            }

            at = meaningEnd + 1;
            SkipSpaces(list, ref at);
            if (at >= list.Length || list[at] != ')')
            {
                throw new FormatException(Problem("no ')' after the meaning"));
            }

            codes.Add(new Code(value, scheme, version));
            at++;
            SkipSpaces(list, ref at);
            if (at == list.Length)
            {
                return codes;
            }

            if (list[at] != '|')
            {
                throw new FormatException($"'{condition}': '{list[at..]}' follows code {number}; codes are separated by '|'");
            }

            at++;
        }
    }

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }
    }

    private static DicomTag? Tag(string text)
    {
        if (text.Length == 8 && uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return new DicomTag(value);
        }

        return DicomDictionary.TryGetTag(text, out var tag) ? tag : null;
    }

    // A code of a code list; an item matches when its code value (short, long or URN) and scheme are these, and its
    // scheme version too when one is given. The meaning is not compared.
    private sealed record Code(string Value, string Scheme, string? Version)
    {
        public bool Matches(DicomDataset item) =>
            CodeValue(item) == Value
            && Text(item, DicomTags.CodingSchemeDesignator) == Scheme
            && (Version is null || Text(item, DicomTags.CodingSchemeVersion) == Version);

        private static string? CodeValue(DicomDataset item) =>
            Text(item, DicomTags.CodeValue) ?? Text(item, DicomTags.LongCodeValue) ?? Text(item, DicomTags.URNCodeValue);

        private static string? Text(DicomDataset item, DicomTag tag)
        {
            try
            {
                return item.GetString(tag)?.Trim() is { Length: > 0 } text ? text : null;
            }
            catch (Exception e) when (e is DicomFormatException or DicomValueException)
            {
                return null;
            }
        }
    }
}
