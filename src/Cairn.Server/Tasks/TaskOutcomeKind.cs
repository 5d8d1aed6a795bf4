namespace Cairn.Server.Tasks;

/// <summary>How an operation on tasks ended: done, refused for a bad request, no such task, or a status that forbids it.</summary>
public enum TaskOutcomeKind
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}
