namespace Cairn.Dicom.Json;

/// <summary>Choices <see cref="DicomJsonWriter"/> makes that do not change the data set's content.</summary>
public sealed record DicomJsonWriterOptions
{
    public static DicomJsonWriterOptions Default { get; } = new();

    /// <summary>Line breaks and two-space indentation; false (the default) writes no whitespace at all.</summary>
    public bool Indented { get; init; }

    /// <summary>Write the retired group length elements (gggg,0000), which PS3.18 F.2.1 and DCMTK leave out.</summary>
    public bool IncludeGroupLengths { get; init; }

    /// <summary>
    /// Chooses, for each value of a binary VR (OB, OD, OF, OL, OV, OW, UN) and each encapsulated pixel data element,
    /// a URI to write as "BulkDataURI" instead of the bytes. Null, or a callback that returns null, writes the bytes
    /// as "InlineBinary". The callback gets the data set that holds the element (its Parent leads to the enclosing
    /// items) and the element.
    /// </summary>
    public Func<DicomDataset, DicomElement, string?>? BulkDataUri { get; init; }
}
