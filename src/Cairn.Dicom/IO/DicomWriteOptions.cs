namespace Cairn.Dicom.IO;

/// <summary>Choices a writer makes that do not change the data set's content.</summary>
public sealed record DicomWriteOptions
{
    public static DicomWriteOptions Default { get; } = new();

    public DicomSequenceLength SequenceLength { get; init; } = DicomSequenceLength.Undefined;

    public DicomGroupLengths GroupLengths { get; init; } = DicomGroupLengths.Recalculate;

    /// <summary>Compression level of a deflated transfer syntax.</summary>
    public System.IO.Compression.CompressionLevel DeflateLevel { get; init; } = System.IO.Compression.CompressionLevel.Optimal;
}
