namespace Cairn.Archive.Query;

/// <summary>The computed values of one result row, as the index gives them.</summary>
public sealed record QueryRow(long Count1, long Count2, long Count3, string Modalities, string SopClasses, string RetrieveAETitles, string Availability);
