namespace Cairn.Server.Tasks;

/// <summary>
/// What a cancel, reschedule or delete did: how many tasks it changed, or why it changed none, in the words the REST
/// API answers and the pages show.
/// </summary>
public sealed record TaskOutcome(TaskOutcomeKind Kind, long Count = 0, string? Error = null)
{
    public bool Succeeded => Kind == TaskOutcomeKind.Done;

    public static TaskOutcome Changed(long count) => new(TaskOutcomeKind.Done, count);

    public static TaskOutcome Invalid(string error) => new(TaskOutcomeKind.Invalid, Error: error);

    public static TaskOutcome NoSuchTask(long taskId) => new(TaskOutcomeKind.NotFound, Error: $"No such Task : {taskId}");

    public static TaskOutcome Conflict(string error) => new(TaskOutcomeKind.Conflict, Error: error);
}
