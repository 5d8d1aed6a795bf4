namespace Cairn.Dicom.Network.Pdus;

/// <summary>Bytes from a peer that are not a valid PDU; <see cref="Reason"/> is what the A-ABORT it causes says.</summary>
public sealed class PduFormatException : Exception
{
    public PduFormatException(string message, AbortReason reason)
        : base(message)
    {
        Reason = reason;
    }

    public PduFormatException()
    {
    }

    public PduFormatException(string message)
        : base(message)
    {
    }

    public PduFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AbortReason Reason { get; } = AbortReason.InvalidPduParameterValue;
}
