namespace Cairn.Dicom.Network.Pdus;

/// <summary>
/// One fragment of a DIMSE message in a P-DATA-TF: a piece of its command set or of its data set, in one
/// presentation context, and whether it is the last piece (PS3.8 9.3.5.1, E.2).
/// </summary>
public sealed class PresentationDataValue
{
    public PresentationDataValue(byte presentationContextId, bool isCommand, bool isLast, ReadOnlyMemory<byte> data)
    {
        PresentationContextId = presentationContextId;
        IsCommand = isCommand;
        IsLast = isLast;
        Data = data;
    }

    public byte PresentationContextId { get; }

    public bool IsCommand { get; }

    public bool IsLast { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public override string ToString() => $"PDV[pcid={PresentationContextId}, {(IsCommand ? "command" : "data")}{(IsLast ? ", last" : "")}, {Data.Length} bytes]";
}
