using Cairn.Dicom.Network.Pdus;

namespace Cairn.Dicom.Network;

/// <summary>The peer rejected the association request.</summary>
public sealed class AssociationRejectedException : Exception
{
    public AssociationRejectedException(AssociateRejectPdu reject)
        : base($"association rejected: {RejectReasons.Describe(reject.Source, reject.Reason)} ({reject.Result}, source {reject.Source})")
    {
        Reject = reject;
    }

    public AssociationRejectedException()
    {
    }

    public AssociationRejectedException(string message)
        : base(message)
    {
    }

    public AssociationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AssociateRejectPdu? Reject { get; }
}
