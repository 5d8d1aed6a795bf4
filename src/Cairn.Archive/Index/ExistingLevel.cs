namespace Cairn.Archive.Index;

/// <summary>A study row as the writer needs it: its key and the lists it keeps up to date.</summary>
internal sealed record ExistingLevel
{
    public long Pk { get; init; }
    public string Modalities { get; init; } = "";
    public string SopClasses { get; init; } = "";
}
