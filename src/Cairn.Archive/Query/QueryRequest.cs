using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// A query for the engine: its level, its matching keys, the attributes to return (null: all the index has) and
/// the window of results (offset, limit) in the engine's order.
/// </summary>
public sealed record QueryRequest(QueryLevel Level, IReadOnlyList<MatchingKey> Keys)
{
    /// <summary>Attributes returned; null returns every attribute the index keeps for the levels up to this one.</summary>
    public IReadOnlySet<DicomTag>? ReturnKeys { get; init; }

    public int Offset { get; init; }

    /// <summary>The most results returned; null: no limit.</summary>
    public int? Limit { get; init; }
}
