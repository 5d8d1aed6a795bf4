namespace Cairn.Dicom.Network.Association;

/// <summary>What the protocol machine does for an event: an action, and the state it is in afterwards.</summary>
public readonly record struct AssociationTransition(AssociationAction Action, AssociationState NextState);
