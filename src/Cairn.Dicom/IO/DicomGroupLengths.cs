namespace Cairn.Dicom.IO;

/// <summary>What to do with the retired group length elements (gggg,0000) outside the file meta group.</summary>
public enum DicomGroupLengths
{
    /// <summary>Keep those present, with their value recomputed for what is written.</summary>
    Recalculate,

    /// <summary>Leave them out (PS3.5 7.2 retired them).</summary>
    Remove,
}
