namespace Cairn.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RQ (PS3.8 9.3.2).</summary>
public sealed class AssociateRequestPdu : Pdu
{
    /// <summary>The DICOM Application Context Name (PS3.7 A.2.1).</summary>
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    public override PduType Type => PduType.AssociateRequest;

    public ushort ProtocolVersion { get; init; } = 1;

    public required string CalledAETitle { get; init; }

    public required string CallingAETitle { get; init; }

    public string ApplicationContextName { get; init; } = DicomApplicationContext;

    public required IReadOnlyList<PresentationContextProposal> PresentationContexts { get; init; }

    public UserInformation UserInformation { get; init; } = new();

    public override string ToString() => $"A-ASSOCIATE-RQ[{CallingAETitle}->{CalledAETitle}, {PresentationContexts.Count} presentation contexts]";
}
