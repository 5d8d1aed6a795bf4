namespace Cairn.Dicom.Network.Pdus;

/// <summary>A protocol data unit of the DICOM Upper Layer.</summary>
public abstract class Pdu
{
    public abstract PduType Type { get; }

    public override string ToString() => Type.ToString();
}
