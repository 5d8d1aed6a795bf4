namespace Cairn.Archive.Index;

/// <summary>An instance row as the writer needs to see it when the same SOP Instance UID comes again.</summary>
internal sealed record ExistingInstance
{
    public long Pk { get; init; }
    public long SeriesPk { get; init; }
    public string StoragePath { get; init; } = "";
    public string SendingAETitle { get; init; } = "";
}
