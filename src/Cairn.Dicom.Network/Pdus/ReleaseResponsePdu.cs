namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RP.</summary>
public sealed class ReleaseResponsePdu : Pdu
{
    public override PduType Type => PduType.ReleaseResponse;

    public override string ToString() => "A-RELEASE-RP";
}
