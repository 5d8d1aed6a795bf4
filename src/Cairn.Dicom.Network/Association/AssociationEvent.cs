namespace Cairn.Dicom.Network.Association;

/// <summary>The events of the Upper Layer protocol machine (PS3.8 Table 9-2): Evt1 to Evt19.</summary>
public enum AssociationEvent
{
    AssociateRequestPrimitive = 1,
    TransportConnectConfirm = 2,
    AssociateAcceptPduReceived = 3,
    AssociateRejectPduReceived = 4,
    TransportConnectIndication = 5,
    AssociateRequestPduReceived = 6,
    AssociateAcceptPrimitive = 7,
    AssociateRejectPrimitive = 8,
    DataRequestPrimitive = 9,
    DataTransferPduReceived = 10,
    ReleaseRequestPrimitive = 11,
    ReleaseRequestPduReceived = 12,
    ReleaseResponsePduReceived = 13,
    ReleaseResponsePrimitive = 14,
    AbortRequestPrimitive = 15,
    AbortPduReceived = 16,
    TransportClosed = 17,
    ArtimExpired = 18,
    InvalidPduReceived = 19,
}
