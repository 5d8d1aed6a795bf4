namespace Cairn.Archive.Ian;

/// <summary>What an IAN covers: a study, one series of it, or one instance of that series.</summary>
public sealed record IanScope(string Study, string? Series = null, string? Sop = null);
