namespace Cairn.Dicom.Network.Association;

/// <summary>The states of the DICOM Upper Layer protocol machine (PS3.8 Table 9-1).</summary>
public enum AssociationState
{
    /// <summary>Sta1: idle, no transport connection.</summary>
    Idle = 1,

    /// <summary>Sta2: transport connection open (acceptor), awaiting A-ASSOCIATE-RQ PDU.</summary>
    AwaitingAssociateRequest = 2,

    /// <summary>Sta3: awaiting the local user's A-ASSOCIATE response.</summary>
    AwaitingLocalAssociateResponse = 3,

    /// <summary>Sta4: awaiting the transport connection to open (requestor).</summary>
    AwaitingTransportOpen = 4,

    /// <summary>Sta5: awaiting A-ASSOCIATE-AC or -RJ PDU.</summary>
    AwaitingAssociateResponse = 5,

    /// <summary>Sta6: association established, ready for data transfer.</summary>
    Established = 6,

    /// <summary>Sta7: awaiting A-RELEASE-RP PDU.</summary>
    AwaitingReleaseResponse = 7,

    /// <summary>Sta8: awaiting the local user's A-RELEASE response.</summary>
    AwaitingLocalReleaseResponse = 8,

    /// <summary>Sta9: release collision, requestor side, awaiting the local A-RELEASE response.</summary>
    CollisionRequestorAwaitingLocalResponse = 9,

    /// <summary>Sta10: release collision, acceptor side, awaiting A-RELEASE-RP PDU.</summary>
    CollisionAcceptorAwaitingReleaseResponse = 10,

    /// <summary>Sta11: release collision, requestor side, awaiting A-RELEASE-RP PDU.</summary>
    CollisionRequestorAwaitingReleaseResponse = 11,

    /// <summary>Sta12: release collision, acceptor side, awaiting the local A-RELEASE response.</summary>
    CollisionAcceptorAwaitingLocalResponse = 12,

    /// <summary>Sta13: awaiting the transport connection to close.</summary>
    AwaitingTransportClose = 13,
}
