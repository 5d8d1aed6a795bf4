using System.Globalization;
using System.Text;
using Cairn.Archive.Index;
using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// A query as parameterised SQL for SQLite and PostgreSQL: the tables of the query's level and those above, the
/// matching keys on indexed columns as conditions (values only ever as parameters), and the keys left for the
/// engine to apply in memory. Wildcards are GLOB on SQLite (case-sensitive, as DICOM matching is) and LIKE on
/// PostgreSQL; person names compare upper case with the <c>*_norm</c> columns.
/// </summary>
public sealed class QuerySql
{
    private readonly bool _sqlite;
    private readonly List<string> _conditions = [];
    private readonly List<MatchingKey> _inMemory = [];

    public QuerySql(QueryRequest request, DatabaseProvider provider)
    {
        _sqlite = provider == DatabaseProvider.Sqlite;
        Level = request.Level;
        var keys = request.Keys.Where(k => !k.IsUniversal && IndexedColumns.LevelOf(k.Tag) <= request.Level).ToList();
        var date = keys.FirstOrDefault(k => k.Tag == DicomTags.StudyDate);
        var time = keys.FirstOrDefault(k => k.Tag == DicomTags.StudyTime);
        if (date is not null && time is not null && date.IsRange && time.IsRange)
        {
            // PS3.4 C.2.2.2.5: Study Date and Study Time both ranges make one date-time range.
            AddDateTimeRange(date, time);
            keys.Remove(date);
            keys.Remove(time);
        }

        foreach (var key in keys)
        {
            if (key.VR == DicomVR.SQ)
            {
                // Sequence matching is not supported: the key only asks for the sequence back.
                continue;
            }

            if (IndexedColumns.Find(key.Tag) is { } column)
            {
                AddCondition(key, column);
            }
            else if (!IndexedColumns.Computed.Contains(key.Tag))
            {
                if (key.IsRange)
                {
                    _ = MatchingRange.Parse(key);
                }

                _inMemory.Add(key);
            }
        }
    }

    public QueryLevel Level { get; }

    public Dictionary<string, object> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Matching keys on attributes without a column, applied to the decoded attributes.</summary>
    public IReadOnlyList<MatchingKey> InMemory => _inMemory;

    public string From => Level switch
    {
        QueryLevel.Patient => "patient p",
        QueryLevel.Study => "study st JOIN patient p ON p.pk = st.patient_fk",
        QueryLevel.Series => "series se JOIN study st ON st.pk = se.study_fk JOIN patient p ON p.pk = st.patient_fk",
        _ => "instance i JOIN series se ON se.pk = i.series_fk JOIN study st ON st.pk = se.study_fk JOIN patient p ON p.pk = st.patient_fk",
    };

    public string Where => _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);

    /// <summary>Newest studies first (then by pk, so that pages are stable); series and instances in number order.</summary>
    public string OrderBy => Level switch
    {
        QueryLevel.Patient => " ORDER BY p.pk",
        QueryLevel.Study => " ORDER BY st.study_date DESC, st.study_time DESC, st.pk DESC",
        QueryLevel.Series => " ORDER BY st.study_date DESC, st.study_time DESC, st.pk DESC, se.series_no IS NULL, se.series_no, se.pk",
        _ => " ORDER BY st.study_date DESC, st.study_time DESC, st.pk DESC, se.series_no IS NULL, se.series_no, se.pk, i.instance_no IS NULL, i.instance_no, i.pk",
    };

    public string CountSql => $"SELECT COUNT(*) FROM {From}{Where}";

    /// <summary>The rows: attribute blobs of each level, top first, then what <see cref="QueryRow"/> reads.</summary>
    public string SelectSql(int offset, int? limit)
    {
        var columns = Level switch
        {
            QueryLevel.Patient =>
                """
                p.attributes, NULL, NULL, NULL,
                p.num_studies,
                (SELECT CAST(COALESCE(SUM(s2.num_series), 0) AS BIGINT) FROM study s2 WHERE s2.patient_fk = p.pk),
                (SELECT CAST(COALESCE(SUM(s2.num_instances), 0) AS BIGINT) FROM study s2 WHERE s2.patient_fk = p.pk),
                NULL, NULL,
                (SELECT MIN(e2.receiving_aet) FROM series e2 JOIN study s2 ON s2.pk = e2.study_fk WHERE s2.patient_fk = p.pk),
                'ONLINE'
                """,
            QueryLevel.Study =>
                """
                p.attributes, st.attributes, NULL, NULL,
                st.num_series, st.num_instances, st.num_instances,
                st.modalities, st.sop_classes,
                (SELECT MIN(e2.receiving_aet) FROM series e2 WHERE e2.study_fk = st.pk),
                'ONLINE'
                """,
            QueryLevel.Series =>
                """
                p.attributes, st.attributes, se.attributes, NULL,
                se.num_instances, se.num_instances, se.num_instances,
                st.modalities, st.sop_classes,
                se.receiving_aet,
                'ONLINE'
                """,
            _ =>
                """
                p.attributes, st.attributes, se.attributes, i.attributes,
                0, 0, 0,
                st.modalities, st.sop_classes,
                i.retrieve_aets,
                i.availability
                """,
        };
        var sql = new StringBuilder($"SELECT {columns} FROM {From}{Where}{OrderBy}");
        if (limit is not null || offset > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit ?? (_sqlite ? -1 : int.MaxValue)} OFFSET {offset}");
        }

        return sql.ToString();
    }

    private string Parameter(object value)
    {
        var name = "@q" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        Parameters[name] = value;
        return name;
    }

    private void AddCondition(MatchingKey key, IndexedColumn column)
    {
        var col = column.Expression;
        var value = key.Value.Trim();
        switch (column.Kind)
        {
            case ColumnKind.Uid:
                var uids = value.Split('\\', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                _conditions.Add(uids.Length == 1 ? $"{col} = {Parameter(uids[0])}" : $"{col} IN ({string.Join(", ", uids.Select(Parameter))})");
                break;
            case ColumnKind.Date or ColumnKind.Time:
                if (key.IsRange)
                {
                    var range = MatchingRange.Parse(key);
                    var bounds = new List<string> { $"{col} <> ''" };
                    if (range.Lower is not null)
                    {
                        bounds.Add($"{col} >= {Parameter(range.Lower)}");
                    }

                    if (range.Upper is not null)
                    {
                        bounds.Add($"{col} <= {Parameter(range.Upper)}");
                    }

                    _conditions.Add("(" + string.Join(" AND ", bounds) + ")");
                }
                else
                {
                    _conditions.Add($"{col} = {Parameter(value)}");
                }

                break;
            case ColumnKind.Number:
                _conditions.Add(long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    ? $"{col} = {Parameter(number)}"
                    : "1 = 0");
                break;
            case ColumnKind.ValueList:
                // Sorted backslash-joined values: match one of them as a whole.
                _conditions.Add(
                    $"('\\' || {col} || '\\') {Like()} {Parameter(Pattern("\\" + value + "\\", wildcards: key.HasWildcard, prefix: "*", suffix: "*"))}{Escape()}");
                break;
            case ColumnKind.PersonName:
                var name = IndexWriter.Normalize(value);
                if (key.HasWildcard)
                {
                    _conditions.Add($"{col} {Like()} {Parameter(Pattern(name, wildcards: true))}{Escape()}");
                }
                else
                {
                    // A name without '=' matches the alphabetic group of a name with ideographic and phonetic ones.
                    _conditions.Add($"({col} = {Parameter(name)} OR {col} {Like()} {Parameter(Pattern(name, wildcards: false, suffix: "=*"))}{Escape()})");
                }

                break;
            case ColumnKind.SeriesText:
                // A study has no sending AE of its own; EXISTS keeps one row per study and uses the series' study index.
                _conditions.Add(Level >= QueryLevel.Series
                    ? TextCondition("se." + col, key, value)
                    : $"EXISTS (SELECT 1 FROM series sx WHERE sx.study_fk = st.pk AND {TextCondition("sx." + col, key, value)})");
                break;
            default:
                _conditions.Add(TextCondition(col, key, value));
                break;
        }
    }

    private string TextCondition(string col, MatchingKey key, string value) =>
        key.HasWildcard
            ? $"{col} {Like()} {Parameter(Pattern(value, wildcards: true))}{Escape()}"
            : $"{col} = {Parameter(value)}";

    private void AddDateTimeRange(MatchingKey date, MatchingKey time)
    {
        var dates = MatchingRange.Parse(date);
        var times = MatchingRange.Parse(time);
        var bounds = new List<string> { "st.study_date <> ''" };
        if (dates.Lower is not null)
        {
            var d = Parameter(dates.Lower);
            bounds.Add(times.Lower is null
                ? $"st.study_date >= {d}"
                : $"(st.study_date > {d} OR (st.study_date = {d} AND st.study_time >= {Parameter(times.Lower)}))");
        }

        if (dates.Upper is not null)
        {
            var d = Parameter(dates.Upper);
            bounds.Add(times.Upper is null
                ? $"st.study_date <= {d}"
                : $"(st.study_date < {d} OR (st.study_date = {d} AND st.study_time <= {Parameter(times.Upper)}))");
        }

        _conditions.Add("(" + string.Join(" AND ", bounds) + ")");
    }

    private string Like() => _sqlite ? "GLOB" : "LIKE";

    private string Escape() => _sqlite ? "" : " ESCAPE '\\'";

    /// <summary>
    /// <paramref name="value"/> as a GLOB or LIKE pattern: DICOM's * and ? become the database's wildcards (when
    /// <paramref name="wildcards"/>), every other character stands for itself. <paramref name="prefix"/> and
    /// <paramref name="suffix"/> are added in DICOM wildcard notation.
    /// </summary>
    private string Pattern(string value, bool wildcards, string prefix = "", string suffix = "")
    {
        var pattern = new StringBuilder();
        foreach (var c in prefix)
        {
            pattern.Append(c is '*' or '?' ? Wildcard(c) : Literal(c));
        }

        foreach (var c in value)
        {
            if (wildcards && c is '*' or '?')
            {
                pattern.Append(Wildcard(c));
            }
            else
            {
                pattern.Append(Literal(c));
            }
        }

        foreach (var c in suffix)
        {
            pattern.Append(c is '*' or '?' ? Wildcard(c) : Literal(c));
        }

        return pattern.ToString();
    }

    private string Wildcard(char c) => _sqlite ? c.ToString() : c == '*' ? "%" : "_";

    private string Literal(char c) => _sqlite ? (c is '*' or '?' or '[' ? $"[{c}]" : c.ToString()) : (c is '%' or '_' or '\\' ? $"\\{c}" : c.ToString());
}
