using System.Globalization;
using Cairn.Dicom;

namespace Cairn.Archive.Export;

/// <summary>
/// The Study Instance UIDs of a CSV document (the reference's <c>studies/csv:{field}/export</c>): the given 1-based
/// column of each line, fields separated by commas or semicolons, optionally in double quotes. A first line whose
/// field is not a UID is a header; an empty line is skipped; any other line without a valid UID there is an error
/// naming it, so that no list is exported in part by mistake.
/// </summary>
public static class StudyUidCsv
{
    /// <summary>The most studies one request lists: each becomes a parameter of one UID-list match.</summary>
    public const int MaxStudies = 10_000;

    public static IReadOnlyList<string> Parse(string text, int field)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (field < 1)
        {
            throw new FormatException($"csv:{field.ToString(CultureInfo.InvariantCulture)}: the column is counted from 1");
        }

        var uids = new List<string>();
        var first = true;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(line.Contains(',', StringComparison.Ordinal) ? ',' : ';');
            var value = field <= fields.Length ? fields[field - 1].Trim().Trim('"').Trim() : null;
            var problem = value is null
                ? $"it has {fields.Length.ToString(CultureInfo.InvariantCulture)} fields, not {field.ToString(CultureInfo.InvariantCulture)}"
                : DicomValueValidator.CheckUid(value) is { } invalid ? $"'{value}' is not a valid UID: {invalid}" : null;
            if (problem is null)
            {
                uids.Add(value!);
            }
            else if (!first)
            {
                throw new FormatException($"line {(i + 1).ToString(CultureInfo.InvariantCulture)} of the CSV: {problem}");
            }

            first = false;
        }

        if (uids.Count == 0)
        {
            throw new FormatException($"the CSV holds no Study Instance UID in column {field.ToString(CultureInfo.InvariantCulture)}");
        }

        return uids.Count <= MaxStudies
            ? uids
            : throw new FormatException($"the CSV lists {uids.Count.ToString(CultureInfo.InvariantCulture)} studies; at most {MaxStudies.ToString(CultureInfo.InvariantCulture)} a request");
    }
}
