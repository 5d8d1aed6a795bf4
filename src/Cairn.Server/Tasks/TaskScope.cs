namespace Cairn.Server.Tasks;

/// <summary>Which tasks a task resource shows: those of one queue, of one type, or both (null: any).</summary>
public sealed record TaskScope(string? Queue, string? Type)
{
    /// <summary>Every task (a task's own page).</summary>
    public static TaskScope Any { get; } = new(null, null);

    /// <summary>Whether <paramref name="task"/> is in sight here.</summary>
    public bool Holds(Cairn.Archive.Tasks.QueueTask task) =>
        (Queue is null || task.Queue == Queue) && (Type is null || task.Type == Type);
}
