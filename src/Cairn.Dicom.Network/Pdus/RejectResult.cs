namespace Cairn.Dicom.Network.Pdus;

/// <summary>Whether an association rejection is permanent or transient (PS3.8 9.3.4).</summary>
public enum RejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}
