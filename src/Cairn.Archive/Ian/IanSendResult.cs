using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Ian;

/// <summary>
/// How sending one IAN went: <see cref="Status"/> is the N-CREATE's answer (null when none came: no association,
/// no acceptance or no response), <see cref="Message"/> says what happened in words.
/// </summary>
public sealed record IanSendResult(DimseStatus? Status, string Message)
{
    /// <summary>The peer answered with Success.</summary>
    public bool Succeeded => Status == DimseStatus.Success;

    /// <summary>
    /// No N-CREATE was answered: the peer was unknown, unreachable, accepted no presentation context for the IAN, or
    /// did not answer. An error, worth a retry; an answer other than Success is not.
    /// </summary>
    public bool NotAnswered => Status is null;
}
