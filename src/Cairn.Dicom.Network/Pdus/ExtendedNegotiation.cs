namespace Cairn.Dicom.Network.Pdus;

/// <summary>SOP Class Extended Negotiation: service-class-specific bytes for one SOP class (PS3.7 D.3.3.5).</summary>
public sealed record ExtendedNegotiation(string SopClassUid, ReadOnlyMemory<byte> Information);
