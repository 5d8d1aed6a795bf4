namespace Cairn.Dicom.Network.Pdus;

/// <summary>A presentation context in an A-ASSOCIATE-AC: the result and, when accepted, the transfer syntax chosen.</summary>
public sealed record PresentationContextAnswer(byte Id, PresentationContextResult Result, string TransferSyntax)
{
    public bool IsAccepted => Result == PresentationContextResult.Acceptance;
}
