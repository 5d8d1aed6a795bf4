namespace Cairn.Dicom;

/// <summary>
/// One data dictionary row. <see cref="VR"/> is what implicit VR decoding uses; <see cref="VRText"/> is the
/// standard's wording, which may allow several ("OB or OW").
/// </summary>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint Mask,
    string Keyword,
    string Name,
    DicomVR VR,
    string VRText,
    string VM,
    bool IsRetired)
{
    /// <summary>The standard allows more than one VR here ("US or SS").</summary>
    public bool HasAlternativeVRs => VRText.Length > 2;
}
