namespace Cairn.Server.Ui;

/// <summary>
/// The validator's problems ("dcmArchiveDevice.dcmExporter[2].dcmURI: 'x' is neither …") sorted for a form: those of
/// the edited item by attribute name, to show next to their fields, and the rest (another item's, or the whole
/// configuration's) to show above the form.
/// </summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _others = [];

    /// <summary>No problems (a new instance each time: problems can be added to it).</summary>
    public static FieldProblems None => new();

    /// <summary>Sorts <paramref name="problems"/>; those under <paramref name="itemPath"/> (or with no path but an attribute name) go to fields.</summary>
    public static FieldProblems Of(IEnumerable<string> problems, string itemPath)
    {
        var sorted = new FieldProblems();
        foreach (var problem in problems)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            var path = colon < 0 ? "" : problem[..colon];
            var message = colon < 0 ? problem : problem[(colon + 2)..];
            string? field = null;
            if (path.StartsWith(itemPath + ".", StringComparison.Ordinal))
            {
                field = path[(itemPath.Length + 1)..];
            }
            else if (path.Length > 0 && !path.Contains('.', StringComparison.Ordinal) && !path.Contains(' ', StringComparison.Ordinal))
            {
                field = path;
            }

            if (field is null)
            {
                sorted._others.Add(problem);
                continue;
            }

            // dcmIanDestination[1] is a problem of the field dcmIanDestination.
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            sorted.Add(bracket < 0 ? field : field[..bracket], message);
        }

        return sorted;
    }

    /// <summary>Adds a problem of one field (a value the form could not even read, such as a port that is not a number).</summary>
    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The problems of <paramref name="field"/> in one sentence, or null.</summary>
    public string? For(string field) => _byField.TryGetValue(field, out var list) ? string.Join("; ", list) : null;

    public IReadOnlyList<string> Others => _others;

    public bool Any => _byField.Count > 0 || _others.Count > 0;
}
