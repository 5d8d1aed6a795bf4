namespace Cairn.Dicom.Network.Dimse;

/// <summary>The priority of a C-STORE, C-FIND, C-GET or C-MOVE request (0000,0700).</summary>
public enum Priority : ushort
{
    Medium = 0x0000,
    High = 0x0001,
    Low = 0x0002,
}
