using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Pages.Studies;

/// <summary>
/// The study browser's search, as its URL carries it (so a search can be bookmarked and paged): the form's fields
/// turned into QIDO-RS matching keys for the query engine QIDO uses, page size and offset, and what is expanded.
/// A field that cannot be used is named in <see cref="Errors"/> (field name to message).
/// </summary>
public sealed record StudySearch
{
    public static IReadOnlyList<int> PageSizes { get; } = [20, 50, 100, 200];

    /// <summary>The fields of the search form, by name (the names in the URL).</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["PatientName", "PatientID", "from", "to", "ModalitiesInStudy", "AccessionNumber", "SendingAET"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    public string PatientName { get; init; } = "";

    public string PatientId { get; init; } = "";

    public string DateFrom { get; init; } = "";

    public string DateTo { get; init; } = "";

    public string Modality { get; init; } = "";

    public string AccessionNumber { get; init; } = "";

    public string SendingAET { get; init; } = "";

    public int Limit { get; init; } = PageSizes[0];

    public int Offset { get; init; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The search in <paramref name="values"/> (a query string or a posted form).</summary>
    public static StudySearch From(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value.ToString().Trim(), StringComparer.Ordinal);
        string Get(string name) => map.GetValueOrDefault(name) ?? "";
        var search = new StudySearch
        {
            PatientName = Get("PatientName"),
            PatientId = Get("PatientID"),
            DateFrom = Get("from"),
            DateTo = Get("to"),
            Modality = Get("ModalitiesInStudy"),
            AccessionNumber = Get("AccessionNumber"),
            SendingAET = Get("SendingAET"),
        };
        if (Get("limit") is { Length: > 0 } limit)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PageSizes.Contains(n))
            {
                search = search with { Limit = n };
            }
            else
            {
                search.Errors["limit"] = $"'{limit}' is not one of the page sizes {string.Join(", ", PageSizes)}";
            }
        }

        if (Get("offset") is { Length: > 0 } offset)
        {
            if (int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                search = search with { Offset = n };
            }
            else
            {
                search.Errors["offset"] = $"'{offset}' is not a non-negative whole number";
            }
        }

        foreach (var (name, value) in new[] { ("from", search.DateFrom), ("to", search.DateTo) })
        {
            if (value.Length > 0 && !TryDate(value, out _))
            {
                search.Errors[name] = $"'{value}' is not a date (yyyy-mm-dd)";
            }
        }

        return search;
    }

    /// <summary>The QIDO matching keys of the fields that are filled in (no limit or offset).</summary>
    public IEnumerable<KeyValuePair<string, string?[]>> MatchingKeys()
    {
        if (PatientName.Length > 0)
        {
            yield return Key("PatientName", PatientName);
        }

        if (PatientId.Length > 0)
        {
            yield return Key("PatientID", PatientId);
        }

        var (from, to) = (Dicom(DateFrom), Dicom(DateTo));
        if (from.Length > 0 || to.Length > 0)
        {
            yield return Key("StudyDate", $"{from}-{to}");
        }

        if (Modality.Length > 0)
        {
            yield return Key("ModalitiesInStudy", Modality);
        }

        if (AccessionNumber.Length > 0)
        {
            yield return Key("AccessionNumber", AccessionNumber);
        }

        if (SendingAET.Length > 0)
        {
            yield return Key("SendingApplicationEntityTitleOfSeries", SendingAET);
        }
    }

    /// <summary>The search form's field a QIDO parameter came from.</summary>
    public static string FieldOf(string qidoParameter) => qidoParameter switch
    {
        "StudyDate" => "from",
        "SendingApplicationEntityTitleOfSeries" => "SendingAET",
        _ => qidoParameter,
    };

    /// <summary>The fields as name/value pairs, those filled in, with page size (and offset when asked).</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields(bool withOffset = false)
    {
        foreach (var (name, value) in new[]
        {
            ("PatientName", PatientName), ("PatientID", PatientId), ("from", DateFrom), ("to", DateTo), ("ModalitiesInStudy", Modality),
            ("AccessionNumber", AccessionNumber), ("SendingAET", SendingAET),
        })
        {
            if (value.Length > 0)
            {
                yield return KeyValuePair.Create(name, value);
            }
        }

        if (Limit != PageSizes[0])
        {
            yield return KeyValuePair.Create("limit", Limit.ToString(CultureInfo.InvariantCulture));
        }

        if (withOffset && Offset > 0)
        {
            yield return KeyValuePair.Create("offset", Offset.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A URL of the study browser with this search and <paramref name="extra"/> parameters.</summary>
    public string Url(int? offset = null, params (string Name, string? Value)[] extra)
    {
        var query = new StringBuilder();
        void Add(string name, string value) => query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        foreach (var (name, value) in Fields())
        {
            Add(name, value);
        }

        if ((offset ?? Offset) is > 0 and var o)
        {
            Add("offset", o.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in extra)
        {
            if (value is not null)
            {
                Add(name, value);
            }
        }

        return "/studies" + query;
    }

    public bool IsEmpty => !MatchingKeys().Any();

    private static KeyValuePair<string, string?[]> Key(string name, string value) => KeyValuePair.Create(name, new string?[] { value });

    private static string Dicom(string date) => date.Length > 0 && TryDate(date, out var d) ? d.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "";

    private static bool TryDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
