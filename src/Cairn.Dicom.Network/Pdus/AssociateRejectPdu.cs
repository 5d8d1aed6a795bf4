namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RJ.</summary>
public sealed class AssociateRejectPdu : Pdu
{
    public AssociateRejectPdu(RejectResult result, RejectSource source, byte reason)
    {
        Result = result;
        Source = source;
        Reason = reason;
    }

    public override PduType Type => PduType.AssociateReject;

    public RejectResult Result { get; }

    public RejectSource Source { get; }

    /// <summary>See <see cref="RejectReasons"/>.</summary>
    public byte Reason { get; }

    public override string ToString() =>
        $"A-ASSOCIATE-RJ[result={Result}, source={Source}, reason={RejectReasons.Describe(Source, Reason)}]";
}
