namespace Cairn.Dicom.Network.Association;

/// <summary>
/// The DICOM Upper Layer protocol machine (PS3.8 9.2, Table 9-10) with no I/O of its own: events go in, the action
/// to perform and the next state come out. A driver owns the socket and the timers and performs the actions.
/// Events from the peer (PDUs, transport) are answered in every state; a local primitive in a state where it is not
/// allowed is a programming error and throws.
/// </summary>
public sealed class AssociationStateMachine
{
    public AssociationStateMachine(bool isRequestor)
    {
        IsRequestor = isRequestor;
    }

    /// <summary>Whether this side asked for the association (it decides Sta9 or Sta10 in a release collision).</summary>
    public bool IsRequestor { get; }

    public AssociationState State { get; private set; } = AssociationState.Idle;

    /// <summary>
    /// Applies an event. For AE-6 (an A-ASSOCIATE-RQ PDU arrived in Sta2), <paramref name="acceptable"/> says whether
    /// the request can be passed to the user (Sta3) or is rejected at once (Sta13).
    /// </summary>
    public AssociationTransition Handle(AssociationEvent e, bool acceptable = true)
    {
        var transition = Next(State, e, acceptable)
            ?? throw new InvalidOperationException($"{e} is not allowed in state Sta{(int)State} ({State})");
        State = transition.NextState;
        return transition;
    }

    /// <summary>The transition for an event in a state, or null where PS3.8 allows none.</summary>
    public AssociationTransition? Next(AssociationState state, AssociationEvent e, bool acceptable = true)
    {
        const AssociationState Sta1 = AssociationState.Idle;
        const AssociationState Sta13 = AssociationState.AwaitingTransportClose;
        return (state, e) switch
        {
            (Sta1, AssociationEvent.AssociateRequestPrimitive) => new(AssociationAction.AE1, AssociationState.AwaitingTransportOpen),
            (Sta1, AssociationEvent.TransportConnectIndication) => new(AssociationAction.AE5, AssociationState.AwaitingAssociateRequest),

            (AssociationState.AwaitingAssociateRequest, AssociationEvent.AssociateRequestPduReceived) =>
                new(AssociationAction.AE6, acceptable ? AssociationState.AwaitingLocalAssociateResponse : Sta13),
            (AssociationState.AwaitingAssociateRequest, AssociationEvent.AbortPduReceived or AssociationEvent.ArtimExpired) => new(AssociationAction.AA2, Sta1),
            (AssociationState.AwaitingAssociateRequest, AssociationEvent.TransportClosed) => new(AssociationAction.AA5, Sta1),
            (AssociationState.AwaitingAssociateRequest, _) when IsPdu(e) => new(AssociationAction.AA1, Sta13),

            (AssociationState.AwaitingLocalAssociateResponse, AssociationEvent.AssociateAcceptPrimitive) => new(AssociationAction.AE7, AssociationState.Established),
            (AssociationState.AwaitingLocalAssociateResponse, AssociationEvent.AssociateRejectPrimitive) => new(AssociationAction.AE8, Sta13),

            (AssociationState.AwaitingTransportOpen, AssociationEvent.TransportConnectConfirm) => new(AssociationAction.AE2, AssociationState.AwaitingAssociateResponse),
            (AssociationState.AwaitingTransportOpen, AssociationEvent.AbortRequestPrimitive) => new(AssociationAction.AA2, Sta1),
            (AssociationState.AwaitingTransportOpen, AssociationEvent.TransportClosed) => new(AssociationAction.AA4, Sta1),

            (AssociationState.AwaitingAssociateResponse, AssociationEvent.AssociateAcceptPduReceived) => new(AssociationAction.AE3, AssociationState.Established),
            (AssociationState.AwaitingAssociateResponse, AssociationEvent.AssociateRejectPduReceived) => new(AssociationAction.AE4, Sta1),

            (AssociationState.Established, AssociationEvent.DataRequestPrimitive) => new(AssociationAction.DT1, AssociationState.Established),
            (AssociationState.Established, AssociationEvent.DataTransferPduReceived) => new(AssociationAction.DT2, AssociationState.Established),
            (AssociationState.Established, AssociationEvent.ReleaseRequestPrimitive) => new(AssociationAction.AR1, AssociationState.AwaitingReleaseResponse),
            (AssociationState.Established, AssociationEvent.ReleaseRequestPduReceived) => new(AssociationAction.AR2, AssociationState.AwaitingLocalReleaseResponse),

            (AssociationState.AwaitingReleaseResponse, AssociationEvent.DataTransferPduReceived) => new(AssociationAction.AR6, AssociationState.AwaitingReleaseResponse),
            (AssociationState.AwaitingReleaseResponse, AssociationEvent.ReleaseRequestPduReceived) =>
                new(AssociationAction.AR8, IsRequestor ? AssociationState.CollisionRequestorAwaitingLocalResponse : AssociationState.CollisionAcceptorAwaitingReleaseResponse),
            (AssociationState.AwaitingReleaseResponse, AssociationEvent.ReleaseResponsePduReceived) => new(AssociationAction.AR3, Sta1),

            (AssociationState.AwaitingLocalReleaseResponse, AssociationEvent.DataRequestPrimitive) => new(AssociationAction.AR7, AssociationState.AwaitingLocalReleaseResponse),
            (AssociationState.AwaitingLocalReleaseResponse, AssociationEvent.ReleaseResponsePrimitive) => new(AssociationAction.AR4, Sta13),

            (AssociationState.CollisionRequestorAwaitingLocalResponse, AssociationEvent.ReleaseResponsePrimitive) => new(AssociationAction.AR9, AssociationState.CollisionRequestorAwaitingReleaseResponse),
            (AssociationState.CollisionAcceptorAwaitingReleaseResponse, AssociationEvent.ReleaseResponsePduReceived) => new(AssociationAction.AR10, AssociationState.CollisionAcceptorAwaitingLocalResponse),
            (AssociationState.CollisionRequestorAwaitingReleaseResponse, AssociationEvent.ReleaseResponsePduReceived) => new(AssociationAction.AR3, Sta1),
            (AssociationState.CollisionAcceptorAwaitingLocalResponse, AssociationEvent.ReleaseResponsePrimitive) => new(AssociationAction.AR4, Sta13),

            (Sta13, AssociationEvent.AssociateRequestPduReceived) => new(AssociationAction.AA7, Sta13),
            (Sta13, AssociationEvent.AbortPduReceived or AssociationEvent.ArtimExpired) => new(AssociationAction.AA2, Sta1),
            (Sta13, AssociationEvent.TransportClosed) => new(AssociationAction.AR5, Sta1),
            (Sta13, _) when IsPdu(e) => new(AssociationAction.AA6, Sta13),

            // In every state from Sta3 to Sta12, the rest is the same.
            (>= AssociationState.AwaitingLocalAssociateResponse and <= AssociationState.CollisionAcceptorAwaitingLocalResponse and not AssociationState.AwaitingTransportOpen, _) => Common(e),
            _ => null,
        };
    }

    /// <summary>Sta3 and Sta5 to Sta12: abort on what does not belong, pass the peer's abort and disconnection up.</summary>
    private static AssociationTransition? Common(AssociationEvent e) => e switch
    {
        AssociationEvent.AbortRequestPrimitive => new(AssociationAction.AA1, AssociationState.AwaitingTransportClose),
        AssociationEvent.AbortPduReceived => new(AssociationAction.AA3, AssociationState.Idle),
        AssociationEvent.TransportClosed => new(AssociationAction.AA4, AssociationState.Idle),
        _ when IsPdu(e) => new(AssociationAction.AA8, AssociationState.AwaitingTransportClose),
        _ => null,
    };

    /// <summary>Events that a received PDU causes (other than A-ABORT, which every state handles on its own).</summary>
    private static bool IsPdu(AssociationEvent e) => e is AssociationEvent.AssociateAcceptPduReceived or AssociationEvent.AssociateRejectPduReceived
        or AssociationEvent.AssociateRequestPduReceived or AssociationEvent.DataTransferPduReceived or AssociationEvent.ReleaseRequestPduReceived
        or AssociationEvent.ReleaseResponsePduReceived or AssociationEvent.InvalidPduReceived;
}
