namespace Cairn.Dicom.Network.Pdus;

/// <summary>Why the service provider aborted (PS3.8 9.3.8); 0 when the service user did.</summary>
public enum AbortReason : byte
{
    NotSpecified = 0,
    UnrecognizedPdu = 1,
    UnexpectedPdu = 2,
    UnrecognizedPduParameter = 4,
    UnexpectedPduParameter = 5,
    InvalidPduParameterValue = 6,
}
