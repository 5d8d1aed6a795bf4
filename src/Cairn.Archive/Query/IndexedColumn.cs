namespace Cairn.Archive.Query;

/// <summary>An indexed column a matching key is translated to: its level, SQL expression and kind.</summary>
public sealed record IndexedColumn(QueryLevel Level, string Expression, ColumnKind Kind);
