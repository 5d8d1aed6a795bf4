namespace Cairn.Dicom.IO;

/// <summary>How sequences and items announce their length (PS3.5 7.5).</summary>
public enum DicomSequenceLength
{
    /// <summary>Undefined length with delimiters: can be written as it streams.</summary>
    Undefined,

    /// <summary>Explicit lengths, measured before writing; what some old readers need.</summary>
    Defined,
}
