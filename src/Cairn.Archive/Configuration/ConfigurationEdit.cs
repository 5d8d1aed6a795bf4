namespace Cairn.Archive.Configuration;

/// <summary>
/// The outcome of a change made through <see cref="ConfigurationEditor"/>: saved (with the new version), refused with
/// the validator's problems (each "path: what is wrong"), or refused because someone else saved first.
/// </summary>
public sealed record ConfigurationEdit(long? SavedVersion, IReadOnlyList<string> Problems, string? Conflict)
{
    public bool Saved => SavedVersion is not null;
}
