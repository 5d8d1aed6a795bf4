using System.Globalization;

namespace Cairn.Server.Ui;

/// <summary>Reads a configuration form's fields: trimmed text, lists, numbers and checkboxes, with a problem for what cannot be read.</summary>
public sealed class FormValues(IFormCollection form, FieldProblems problems)
{
    /// <summary>The trimmed text of <paramref name="name"/> ("" when absent).</summary>
    public string Text(string name) => form[name].ToString().Trim();

    /// <summary>The text, or null when empty (for optional attributes).</summary>
    public string? Optional(string name) => Text(name) is { Length: > 0 } text ? text : null;

    /// <summary>A list given one per line or separated by commas or spaces (AE titles, exporter IDs).</summary>
    public IReadOnlyList<string> Words(string name) =>
        Text(name).Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A list given one per line (conditions and schedules, whose values hold spaces).</summary>
    public IReadOnlyList<string> Lines(string name) =>
        Text(name).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Checked(string name) => form[name] is { Count: > 0 } values && values.Contains("true");

    /// <summary>A whole number; <paramref name="fallback"/> with a problem for the field when it is not one.</summary>
    public int Number(string name, int fallback)
    {
        var text = Text(name);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(name, text.Length == 0 ? "must not be empty" : $"'{text}' is not a whole number");
        return fallback;
    }

    /// <summary>The configuration version the form was read at.</summary>
    public long? Version => long.TryParse(Text("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : null;

    public static string Join(IEnumerable<string> values, string separator = ", ") => string.Join(separator, values);
}
