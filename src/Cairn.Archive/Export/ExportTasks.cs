using Cairn.Archive.Configuration;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;

namespace Cairn.Archive.Export;

/// <summary>How export tasks are made: the exporter's queue and AE, the destination, the scope with <c>*</c> for "all".</summary>
public static class ExportTasks
{
    public const string Type = "EXPORT";

    /// <summary>The number of <paramref name="instances"/> and their modalities, as an export task records them.</summary>
    public static TaskScopeFigures FiguresOf(IReadOnlyCollection<StoredInstance> instances) =>
        new(instances.Count, string.Join('\\', instances.Select(i => i.Modality).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

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
