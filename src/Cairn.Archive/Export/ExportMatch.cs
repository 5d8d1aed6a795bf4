using Cairn.Archive.Configuration;

namespace Cairn.Archive.Export;

/// <summary>A rule's verdict on one object: export by this exporter, at this level, at this time.</summary>
public sealed record ExportMatch(string RuleName, ExporterDescriptor Exporter, string Entity, DateTimeOffset ScheduledTime);
