namespace Cairn.Dicom.Network.Pdus;

/// <summary>P-DATA-TF: one or more presentation data values.</summary>
public sealed class DataTransferPdu : Pdu
{
    public DataTransferPdu(params IReadOnlyList<PresentationDataValue> values)
    {
        Values = values;
    }

    public override PduType Type => PduType.DataTransfer;

    public IReadOnlyList<PresentationDataValue> Values { get; }

    public override string ToString() => $"P-DATA-TF[{string.Join(", ", Values)}]";
}
