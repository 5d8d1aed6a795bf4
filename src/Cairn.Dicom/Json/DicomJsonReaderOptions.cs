namespace Cairn.Dicom.Json;

/// <summary>How <see cref="DicomJsonReader"/> treats what the JSON refers to rather than holds.</summary>
public sealed record DicomJsonReaderOptions
{
    public static DicomJsonReaderOptions Default { get; } = new();

    /// <summary>
    /// Fetches the bytes a "BulkDataURI" refers to, given the element's tag, VR and the URI. Without it, an element
    /// with a BulkDataURI is refused: leaving the value out would pass off an incomplete data set as whole.
    /// </summary>
    public Func<DicomTag, DicomVR, string, ReadOnlyMemory<byte>>? BulkDataLoader { get; init; }

    /// <summary>Deepest nesting of sequences accepted.</summary>
    public int MaxSequenceDepth { get; init; } = 64;
}
