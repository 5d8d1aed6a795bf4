namespace Cairn.Dicom;

/// <summary>
/// Builds the data set of an Instance Availability Notification (PS3.3 C.4.23, PS3.4 Annex R): which instances of a
/// study are available, where to retrieve them (Retrieve AE Title) and how (ONLINE, NEARLINE, OFFLINE).
/// </summary>
public static class InstanceAvailabilityNotification
{
    public const string Online = "ONLINE";
    public const string Nearline = "NEARLINE";
    public const string Offline = "OFFLINE";

    public static DicomDataset Build(string studyInstanceUid, IEnumerable<AvailableInstance> instances, IReadOnlyList<string> retrieveAETitles, string availability = Online, string? retrieveLocationUid = null)
    {
        if (availability is not (Online or Nearline or Offline))
        {
            throw new DicomValueException($"Instance Availability is ONLINE, NEARLINE or OFFLINE, not '{availability}'.");
        }

        var series = instances.GroupBy(i => i.SeriesInstanceUid, StringComparer.Ordinal).Select(group =>
        {
            var sops = group.DistinctBy(i => i.SopInstanceUid, StringComparer.Ordinal).Select(i =>
            {
                var sop = new DicomDataset()
                    .Add(DicomTags.RetrieveAETitle, [.. retrieveAETitles])
                    .Add(DicomTags.InstanceAvailability, availability)
                    .Add(DicomTags.ReferencedSOPClassUID, i.SopClassUid)
                    .Add(DicomTags.ReferencedSOPInstanceUID, i.SopInstanceUid);
                if (retrieveLocationUid is not null)
                {
                    sop.Add(DicomTags.RetrieveLocationUID, retrieveLocationUid);
                }

                return sop;
            });
            return new DicomDataset()
                .Add(DicomTags.ReferencedSOPSequence, [.. sops])
                .Add(DicomTags.SeriesInstanceUID, group.Key);
        }).ToArray();

        if (series.Length == 0)
        {
            throw new DicomValueException("an Instance Availability Notification references at least one instance");
        }

        return new DicomDataset()
            .Add(DicomTags.ReferencedPerformedProcedureStepSequence, Array.Empty<DicomDataset>())
            .Add(DicomTags.ReferencedSeriesSequence, series)
            .Add(DicomTags.StudyInstanceUID, studyInstanceUid);
    }
}
