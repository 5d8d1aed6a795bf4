namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RQ.</summary>
public sealed class ReleaseRequestPdu : Pdu
{
    public override PduType Type => PduType.ReleaseRequest;

    public override string ToString() => "A-RELEASE-RQ";
}
