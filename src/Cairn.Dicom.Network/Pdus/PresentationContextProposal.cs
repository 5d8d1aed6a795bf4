namespace Cairn.Dicom.Network.Pdus;

/// <summary>A presentation context an association requestor proposes: an abstract syntax and the transfer syntaxes it offers.</summary>
public sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
