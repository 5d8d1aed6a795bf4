namespace Cairn.Dicom.IO;

/// <summary>How much to read, and how far to trust the input.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Stop at the first top-level element whose tag is at or after this one (e.g. Pixel Data, to index headers
    /// without reading bulk data). Null reads everything.
    /// </summary>
    public DicomTag? StopAtTag { get; init; }

    /// <summary>Deepest nesting of sequences accepted; deeper input is refused as malformed.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Largest inflated size of a deflated data set, against decompression bombs.</summary>
    public long MaxInflatedLength { get; init; } = int.MaxValue;
}
