namespace Cairn.Archive.Query;

/// <summary>One match of a bulk request: its study, and its series and instance at those levels; how many instances it holds, when known.</summary>
public sealed record MatchedEntity(string Study, string? Series, string? Sop, long? Instances);
