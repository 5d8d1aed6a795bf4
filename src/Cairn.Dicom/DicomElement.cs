namespace Cairn.Dicom;

/// <summary>
/// A data element of a data set: a value (<see cref="DicomValueElement"/>), a sequence of items
/// (<see cref="DicomSequence"/>) or encapsulated pixel data (<see cref="DicomFragments"/>).
/// </summary>
public abstract class DicomElement
{
    private protected DicomElement(DicomTag tag, DicomVR vr)
    {
        Tag = tag;
        VR = vr;
    }

    public DicomTag Tag { get; }

    public DicomVR VR { get; }

    /// <summary>The dictionary keyword, or null for private and unknown tags.</summary>
    public string? Keyword => DicomDictionary.KeywordOf(Tag);

    public override string ToString() => $"{Tag} {VR}";
}
