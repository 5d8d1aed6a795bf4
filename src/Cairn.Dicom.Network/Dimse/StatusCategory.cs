namespace Cairn.Dicom.Network.Dimse;

/// <summary>The category of a DIMSE status (PS3.7 C.1).</summary>
public enum StatusCategory
{
    Success,
    Warning,
    Failure,
    Cancel,
    Pending,
}
