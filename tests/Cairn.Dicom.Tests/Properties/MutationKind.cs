namespace Cairn.Dicom.Tests.Properties;

public enum MutationKind
{
    FlipBit,
    SetByte,
    Truncate,
    Delete,
    Insert,
    Length,
    Delimiter,
    ReplaceVR,
}
