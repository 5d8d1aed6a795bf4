namespace Cairn.Archive.Index;

/// <summary>One forward-only step of the index schema, spelled for each database.</summary>
/// <param name="Version">The schema version the step leads to.</param>
/// <param name="Description">What the step does, for the log.</param>
/// <param name="Sqlite">The step's SQL for SQLite.</param>
/// <param name="PostgreSql">The step's SQL for PostgreSQL.</param>
public sealed record Migration(int Version, string Description, string Sqlite, string PostgreSql);
