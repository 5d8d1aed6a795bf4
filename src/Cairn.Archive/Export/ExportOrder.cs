namespace Cairn.Archive.Export;

/// <summary>
/// An export asked for on demand (REST or the study browser): by which archive AE, to which exporter (a configured
/// one, or <c>dicom:&lt;AET&gt;</c> for a synchronous send to a remote AE without exporter), and the options.
/// </summary>
public sealed record ExportOrder
{
    public const string DicomPrefix = "dicom:";

    public required string AETitle { get; init; }

    public required string ExporterId { get; init; }

    /// <summary>"IAN without export": queue the study's IAN to the exporter's IAN destinations, no export task.</summary>
    public bool OnlyIan { get; init; }

    public DateTimeOffset? ScheduledTime { get; init; }

    public string? BatchId { get; init; }

    /// <summary>Who asked (the signed-in user), recorded on the tasks as RequesterUserID.</summary>
    public string? RequesterUserId { get; init; }

    public string? RequesterHost { get; init; }

    public string? RequestUri { get; init; }

    /// <summary>The remote AE of a <c>dicom:&lt;AET&gt;</c> exporter ID, else null.</summary>
    public string? ImmediateDestination => ExporterId.StartsWith(DicomPrefix, StringComparison.Ordinal) ? ExporterId[DicomPrefix.Length..] : null;
}
