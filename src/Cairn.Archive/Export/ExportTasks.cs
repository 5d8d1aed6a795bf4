using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;

namespace Cairn.Archive.Export;

/// <summary>How export tasks are made: the exporter's queue and AE, the destination, the scope with <c>*</c> for "all".</summary>
public static class ExportTasks
{
    public const string Type = "EXPORT";

    public static NewTask New(ExporterDescriptor exporter, string study, string series, string sop, DateTimeOffset? scheduled) => new()
    {
        Queue = exporter.QueueName,
        Type = Type,
        ScheduledTime = scheduled,
        LocalAET = exporter.AETitle,
        RemoteAET = exporter.DestinationAETitle,
        StudyInstanceUid = study,
        SeriesInstanceUid = series,
        SopInstanceUid = sop,
        ExporterId = exporter.ExporterId,
    };
}
