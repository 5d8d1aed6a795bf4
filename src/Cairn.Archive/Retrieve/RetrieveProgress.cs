using Cairn.Dicom;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// The sub-operation counts of one C-MOVE or C-GET, the UIDs of the instances that failed, and the final status the
/// standard gives them (PS3.4 C.4.2.1.5 / C.4.3.1.4): Success, B000 when some failed, A702 when all failed.
/// </summary>
public sealed class RetrieveProgress
{
    private readonly List<string> _failedUids = [];

    public RetrieveProgress(int total)
    {
        Remaining = total;
    }

    public int Remaining { get; private set; }

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public int Warning { get; private set; }

    public IReadOnlyList<string> FailedUids => _failedUids;

    public void Record(string sopInstanceUid, SubOperationOutcome outcome)
    {
        Remaining--;
        switch (outcome)
        {
            case SubOperationOutcome.Completed:
                Completed++;
                break;
            case SubOperationOutcome.Warning:
                Warning++;
                break;
            default:
                Failed++;
                _failedUids.Add(sopInstanceUid);
                break;
        }
    }

    /// <summary>Counts what is left as failed (the destination went away, say).</summary>
    public void FailRemaining(IEnumerable<string> sopInstanceUids)
    {
        foreach (var uid in sopInstanceUids)
        {
            Record(uid, SubOperationOutcome.Failed);
        }
    }

    /// <summary>The final status once every sub-operation has been tried.</summary>
    public DimseStatus FinalStatus =>
        Failed == 0 && Warning == 0 ? DimseStatus.Success
        : Completed == 0 && Warning == 0 ? new DimseStatus(0xA702)
        : DimseStatus.SubOperationsCompleteWithFailures;

    /// <summary>A pending response with the counts so far.</summary>
    public DimseCommand Pending(DimseCommand request) =>
        DimseCommand.RetrieveResponseTo(request, DimseStatus.Pending, Count(Remaining), Count(Completed), Count(Failed), Count(Warning));

    /// <summary>A final response; the identifier with the Failed SOP Instance UID List comes with it when any failed.</summary>
    public (DimseCommand Response, DicomDataset? Identifier) Final(DimseCommand request, DimseStatus status, string? errorComment = null)
    {
        var response = DimseCommand.RetrieveResponseTo(request, status, 0, Count(Completed), Count(Failed), Count(Warning));
        if (status == DimseStatus.Cancel)
        {
            // A canceled retrieve says how many were left undone.
            response.Dataset.Add(DicomTags.NumberOfRemainingSuboperations, Count(Remaining));
        }

        if (errorComment is not null && status.Category == StatusCategory.Failure)
        {
            response.Dataset.Add(DicomTags.ErrorComment, errorComment.Length > 64 ? errorComment[..61] + "..." : errorComment);
        }

        if (_failedUids.Count == 0)
        {
            return (response, null);
        }

        response.Dataset.Add(DicomTags.CommandDataSetType, (ushort)0x0000);
        return (response, new DicomDataset().Add(DicomTags.FailedSOPInstanceUIDList, [.. _failedUids]));
    }

    private static ushort Count(int value) => (ushort)Math.Clamp(value, 0, ushort.MaxValue);
}
