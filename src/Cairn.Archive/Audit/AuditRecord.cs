namespace Cairn.Archive.Audit;

/// <summary>
/// One audited request: who (user, host), what (the action's kind, method, address and what was asked), when, and how
/// it ended (the HTTP status, and success or failure).
/// </summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset Time,
    string User,
    string Host,
    string Action,
    string Method,
    string Uri,
    string Detail,
    int Status,
    string Outcome);
