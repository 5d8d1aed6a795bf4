namespace Cairn.Server.Endpoints;

/// <summary>Which tasks a task resource shows: those of one queue, of one type, or both (null: any).</summary>
internal sealed record TaskScope(string? Queue, string? Type);
