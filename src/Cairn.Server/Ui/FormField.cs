namespace Cairn.Server.Ui;

/// <summary>
/// One labelled input of a configuration form, as the <c>_Field</c> partial draws it: its dcm4che attribute name is
/// both the form field's name and the key its validation problem is shown under.
/// </summary>
public sealed record FormField(string Name, string Label, string? Value)
{
    /// <summary>text, number, select, checkbox or textarea.</summary>
    public string Kind { get; init; } = "text";

    public string? Hint { get; init; }

    public string? Error { get; init; }

    public bool Required { get; init; }

    /// <summary>The choices of a select: value and text.</summary>
    public IReadOnlyList<(string Value, string Text)> Options { get; init; } = [];

    /// <summary>A checkbox's state.</summary>
    public bool Checked { get; init; }

    public string Id => "f-" + Name;
}
