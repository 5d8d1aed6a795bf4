namespace Cairn.Archive.Index;

/// <summary>The database the index lives in.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for many archives behind one database, and for large ones.</summary>
    PostgreSql,
}
