namespace Cairn.Archive.Query;

/// <summary>A parsed QIDO-RS search: the query, and whether fuzzy matching was asked for (it is not done).</summary>
public sealed record QidoSearch(QueryRequest Request, bool FuzzyMatchingRequested);
