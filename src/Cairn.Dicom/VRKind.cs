namespace Cairn.Dicom;

internal enum VRKind : byte
{
    Unknown,
    String,
    Text,
    Number,
    Bulk,
    Sequence,
}
