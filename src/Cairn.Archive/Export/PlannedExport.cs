using System.Collections.Immutable;
using Cairn.Archive.Configuration;

namespace Cairn.Archive.Export;

/// <summary>One export a dry run of the rules foresees: by which exporter, of what, when, for how many instances, by which rules.</summary>
public sealed record PlannedExport(
    ExporterDescriptor Exporter,
    string Entity,
    string SeriesUid,
    string SopUid,
    DateTimeOffset ScheduledTime,
    int Instances,
    ImmutableSortedSet<string> Rules);
