using Cairn.Archive.Configuration;

namespace Cairn.Archive.Export;

/// <summary>
/// A rule's verdict on one object: export by this exporter, at this level, at this time; and whether the study or
/// series a replaced instance left is to be exported too (the rule's dcmExportPreviousEntity).
/// </summary>
public sealed record ExportMatch(string RuleName, ExporterDescriptor Exporter, string Entity, DateTimeOffset ScheduledTime, bool ExportPreviousEntity = false);
