namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-ABORT: the association ends at once.</summary>
public sealed class AbortPdu : Pdu
{
    public AbortPdu(AbortSource source, AbortReason reason)
    {
        Source = source;
        Reason = reason;
    }

    public override PduType Type => PduType.Abort;

    public AbortSource Source { get; }

    public AbortReason Reason { get; }

    public override string ToString() => $"A-ABORT[source={Source}, reason={Reason}]";
}
