namespace Cairn.Archive.Retrieve;

/// <summary>How one C-STORE sub-operation of a retrieve ended.</summary>
public enum SubOperationOutcome
{
    Completed,
    Warning,
    Failed,
}
