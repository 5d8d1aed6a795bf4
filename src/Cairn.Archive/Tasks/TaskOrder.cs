namespace Cairn.Archive.Tasks;

/// <summary>How a task list is ordered (<c>orderby</c>): by which time, newest or oldest first.</summary>
public sealed record TaskOrder(string Column, bool Descending)
{
    /// <summary>dcm4chee's default, <c>-updatedTime</c>.</summary>
    public static TaskOrder Default { get; } = new("updated_time", true);

    /// <summary>Reads <c>[-]createdTime|updatedTime|scheduledTime</c>; null when it is none of them.</summary>
    public static TaskOrder? Parse(string text)
    {
        var descending = text.StartsWith('-');
        var column = text.TrimStart('-') switch
        {
            "createdTime" => "created_time",
            "updatedTime" => "updated_time",
            "scheduledTime" => "scheduled_time",
            _ => null,
        };
        return column is null ? null : new TaskOrder(column, descending);
    }
}
