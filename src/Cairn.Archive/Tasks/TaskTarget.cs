namespace Cairn.Archive.Tasks;

/// <summary>Where a rescheduled task goes: its queue, exporter and the AEs it runs between.</summary>
public sealed record TaskTarget(string Queue, string? ExporterId, string? LocalAET, string? RemoteAET);
