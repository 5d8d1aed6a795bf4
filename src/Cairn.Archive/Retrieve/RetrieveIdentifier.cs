using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Retrieve;

/// <summary>The retrieve keys of a C-MOVE or C-GET request; a request without valid ones is answered A900H here.</summary>
internal static class RetrieveIdentifier
{
    /// <summary>
    /// The keys of <paramref name="request"/> (<paramref name="patientRootSopClass"/> says which model it uses), or
    /// null once the request has been refused with the reason.
    /// </summary>
    public static async ValueTask<RetrieveKeys?> ReadAsync(DicomRequest request, string patientRootSopClass, string operation, CancellationToken cancellationToken)
    {
        var association = request.Association;
        string? problem = null;
        var keys = request.Message.Dataset is { } identifier
            ? RetrieveKeys.Parse(identifier, request.Command.AffectedSopClassUid == patientRootSopClass, out problem)
            : null;
        if (keys is not null)
        {
            return keys;
        }

        problem ??= $"the {operation}-RQ has no identifier";
        RetrieveLog.Refused(association.Logger, association.Name, operation, problem, DimseStatus.IdentifierDoesNotMatchSopClass);
        await request.RespondAsync(DimseStatus.IdentifierDoesNotMatchSopClass, errorComment: problem, cancellationToken: cancellationToken).ConfigureAwait(false);
        return null;
    }
}
