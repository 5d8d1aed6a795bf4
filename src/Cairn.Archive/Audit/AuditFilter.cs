namespace Cairn.Archive.Audit;

/// <summary>Which audit records to list or count; null matches any.</summary>
public sealed record AuditFilter
{
    public string? User { get; init; }

    public string? Action { get; init; }

    public string? Outcome { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }
}
