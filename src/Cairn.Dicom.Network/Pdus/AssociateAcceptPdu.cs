namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-AC (PS3.8 9.3.3).</summary>
public sealed class AssociateAcceptPdu : Pdu
{
    public override PduType Type => PduType.AssociateAccept;

    public ushort ProtocolVersion { get; init; } = 1;

    /// <summary>Echoed from the request; PS3.8 says the requestor shall not test it.</summary>
    public required string CalledAETitle { get; init; }

    public required string CallingAETitle { get; init; }

    public string ApplicationContextName { get; init; } = AssociateRequestPdu.DicomApplicationContext;

    public required IReadOnlyList<PresentationContextAnswer> PresentationContexts { get; init; }

    public UserInformation UserInformation { get; init; } = new();

    public override string ToString() => $"A-ASSOCIATE-AC[{CallingAETitle}->{CalledAETitle}, {PresentationContexts.Count(p => p.IsAccepted)} of {PresentationContexts.Count} presentation contexts accepted]";
}
