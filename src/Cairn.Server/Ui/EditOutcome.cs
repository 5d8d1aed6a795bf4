namespace Cairn.Server.Ui;

/// <summary>What a configuration page says after a change: saved, refused with problems, or refused for a conflict.</summary>
public sealed record EditOutcome(string? Saved, FieldProblems Problems, string? Conflict)
{
    public static EditOutcome None => new(null, FieldProblems.None, null);
}
