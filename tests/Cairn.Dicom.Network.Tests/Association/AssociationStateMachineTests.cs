using Cairn.Dicom.Network.Association;
using static Cairn.Dicom.Network.Association.AssociationAction;
using static Cairn.Dicom.Network.Association.AssociationEvent;
using static Cairn.Dicom.Network.Association.AssociationState;

namespace Cairn.Dicom.Network.Tests.Association;

public class AssociationStateMachineTests
{
    private static readonly AssociationEvent[] PeerEvents =
    [
        AssociateAcceptPduReceived, AssociateRejectPduReceived, AssociateRequestPduReceived, DataTransferPduReceived,
        ReleaseRequestPduReceived, ReleaseResponsePduReceived, AbortPduReceived, TransportClosed, InvalidPduReceived,
    ];

    private static void Walk(AssociationStateMachine machine, params (AssociationEvent Event, AssociationAction Action, AssociationState State)[] steps)
    {
        foreach (var (e, action, state) in steps)
        {
            var transition = machine.Handle(e);
            Assert.Equal((action, state), (transition.Action, transition.NextState));
            Assert.Equal(state, machine.State);
        }
    }

    [Fact]
    public void Requestor_associates_transfers_and_releases()
    {
        Walk(new AssociationStateMachine(isRequestor: true),
            (AssociateRequestPrimitive, AE1, AwaitingTransportOpen),
            (TransportConnectConfirm, AE2, AwaitingAssociateResponse),
            (AssociateAcceptPduReceived, AE3, Established),
            (DataRequestPrimitive, DT1, Established),
            (DataTransferPduReceived, DT2, Established),
            (ReleaseRequestPrimitive, AR1, AwaitingReleaseResponse),
            (DataTransferPduReceived, AR6, AwaitingReleaseResponse),
            (ReleaseResponsePduReceived, AR3, Idle));
    }

    [Fact]
    public void Acceptor_accepts_and_answers_a_release()
    {
        Walk(new AssociationStateMachine(isRequestor: false),
            (TransportConnectIndication, AE5, AwaitingAssociateRequest),
            (AssociateRequestPduReceived, AE6, AwaitingLocalAssociateResponse),
            (AssociateAcceptPrimitive, AE7, Established),
            (ReleaseRequestPduReceived, AR2, AwaitingLocalReleaseResponse),
            (DataRequestPrimitive, AR7, AwaitingLocalReleaseResponse),
            (ReleaseResponsePrimitive, AR4, AwaitingTransportClose),
            (TransportClosed, AR5, Idle));
    }

    [Fact]
    public void Acceptor_rejects_and_waits_for_the_peer_to_close()
    {
        Walk(new AssociationStateMachine(isRequestor: false),
            (TransportConnectIndication, AE5, AwaitingAssociateRequest),
            (AssociateRequestPduReceived, AE6, AwaitingLocalAssociateResponse),
            (AssociateRejectPrimitive, AE8, AwaitingTransportClose),
            (DataTransferPduReceived, AA6, AwaitingTransportClose),
            (ArtimExpired, AA2, Idle));
    }

    [Fact]
    public void An_unacceptable_request_goes_straight_to_awaiting_close()
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        machine.Handle(TransportConnectIndication);
        Assert.Equal(new AssociationTransition(AE6, AwaitingTransportClose), machine.Handle(AssociateRequestPduReceived, acceptable: false));
    }

    [Fact]
    public void A_peer_that_says_nothing_is_dropped_when_artim_expires()
    {
        Walk(new AssociationStateMachine(isRequestor: false),
            (TransportConnectIndication, AE5, AwaitingAssociateRequest),
            (ArtimExpired, AA2, Idle));
    }

    [Fact]
    public void A_pdu_of_the_wrong_kind_for_the_state_aborts()
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        machine.Handle(TransportConnectIndication);
        Assert.Equal(new AssociationTransition(AA1, AwaitingTransportClose), machine.Handle(DataTransferPduReceived));

        var established = new AssociationStateMachine(isRequestor: true);
        Walk(established, (AssociateRequestPrimitive, AE1, AwaitingTransportOpen), (TransportConnectConfirm, AE2, AwaitingAssociateResponse), (AssociateAcceptPduReceived, AE3, Established));
        Assert.Equal(new AssociationTransition(AA8, AwaitingTransportClose), established.Handle(AssociateRequestPduReceived));
    }

    [Theory]
    [InlineData(true, CollisionRequestorAwaitingLocalResponse)]
    [InlineData(false, CollisionAcceptorAwaitingReleaseResponse)]
    public void Release_collision_goes_to_sta9_or_sta10(bool requestor, AssociationState expected)
    {
        var machine = new AssociationStateMachine(requestor);
        if (requestor)
        {
            Walk(machine, (AssociateRequestPrimitive, AE1, AwaitingTransportOpen), (TransportConnectConfirm, AE2, AwaitingAssociateResponse), (AssociateAcceptPduReceived, AE3, Established));
        }
        else
        {
            Walk(machine, (TransportConnectIndication, AE5, AwaitingAssociateRequest), (AssociateRequestPduReceived, AE6, AwaitingLocalAssociateResponse), (AssociateAcceptPrimitive, AE7, Established));
        }

        machine.Handle(ReleaseRequestPrimitive);
        Assert.Equal(new AssociationTransition(AR8, expected), machine.Handle(ReleaseRequestPduReceived));
        if (requestor)
        {
            Walk(machine, (ReleaseResponsePrimitive, AR9, CollisionRequestorAwaitingReleaseResponse), (ReleaseResponsePduReceived, AR3, Idle));
        }
        else
        {
            Walk(machine, (ReleaseResponsePduReceived, AR10, CollisionAcceptorAwaitingLocalResponse), (ReleaseResponsePrimitive, AR4, AwaitingTransportClose));
        }
    }

    [Fact]
    public void Every_peer_event_has_an_answer_in_every_state_with_a_connection()
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        foreach (var state in Enum.GetValues<AssociationState>().Where(s => s is not (Idle or AwaitingTransportOpen)))
        {
            foreach (var e in PeerEvents)
            {
                Assert.True(machine.Next(state, e) is not null, $"no transition for {e} in {state}");
            }
        }
    }

    [Fact]
    public void A_local_primitive_out_of_place_is_a_programming_error()
    {
        var machine = new AssociationStateMachine(isRequestor: true);
        var error = Assert.Throws<InvalidOperationException>(() => machine.Handle(DataRequestPrimitive));
        Assert.Contains("Sta1", error.Message, StringComparison.Ordinal);
        Assert.Equal(Idle, machine.State);
    }

    [Fact]
    public void The_peer_aborting_or_vanishing_returns_to_idle_from_every_established_state()
    {
        var machine = new AssociationStateMachine(isRequestor: true);
        foreach (var state in new[] { Established, AwaitingReleaseResponse, AwaitingLocalReleaseResponse, AwaitingLocalAssociateResponse, AwaitingAssociateResponse })
        {
            Assert.Equal(new AssociationTransition(AA3, Idle), machine.Next(state, AbortPduReceived));
            Assert.Equal(new AssociationTransition(AA4, Idle), machine.Next(state, TransportClosed));
        }
    }
}
