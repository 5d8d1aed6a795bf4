namespace Cairn.Archive.Retrieve;

/// <summary>A stored instance as a retrieve sends it: what it is, how it is encoded, and where its file is.</summary>
public sealed record StoredInstance
{
    public string StudyInstanceUid { get; init; } = "";

    public string SeriesInstanceUid { get; init; } = "";

    public string SopClassUid { get; init; } = "";

    public string SopInstanceUid { get; init; } = "";

    public string TransferSyntaxUid { get; init; } = "";

    /// <summary>The file, relative to the storage root.</summary>
    public string StoragePath { get; init; } = "";

    public long Size { get; init; }

    /// <summary>Its series' modality (an export task records the modalities it sent).</summary>
    public string Modality { get; init; } = "";

    /// <summary>The AE that sent it (an exporter with dcmExportAsSourceAE calls as it).</summary>
    public string SendingAETitle { get; init; } = "";
}
