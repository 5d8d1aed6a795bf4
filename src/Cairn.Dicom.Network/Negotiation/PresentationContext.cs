namespace Cairn.Dicom.Network.Negotiation;

/// <summary>A presentation context as negotiated: what was proposed and what was answered.</summary>
public sealed record PresentationContext(byte Id, string AbstractSyntax, Pdus.PresentationContextResult Result, DicomTransferSyntax? TransferSyntax)
{
    public bool IsAccepted => Result == Pdus.PresentationContextResult.Acceptance && TransferSyntax is not null;

    public override string ToString() =>
        $"pcid={Id}, as={AbstractSyntax}{(IsAccepted ? $", ts={TransferSyntax!.Uid}" : $", {Result}")}";
}
