namespace Cairn.Archive.Tasks;

/// <summary>Statuses as text, as dcm4chee writes them in JSON, filters and the database: with spaces.</summary>
public static class QueueTaskStatuses
{
    public static string Text(this QueueTaskStatus status) => status switch
    {
        QueueTaskStatus.Scheduled => "SCHEDULED",
        QueueTaskStatus.ScheduledForRetry => "SCHEDULED FOR RETRY",
        QueueTaskStatus.InProcess => "IN PROCESS",
        QueueTaskStatus.Completed => "COMPLETED",
        QueueTaskStatus.Warning => "WARNING",
        QueueTaskStatus.Failed => "FAILED",
        _ => "CANCELED",
    };

    public static bool TryParse(string text, out QueueTaskStatus status)
    {
        foreach (var candidate in Enum.GetValues<QueueTaskStatus>())
        {
            if (string.Equals(candidate.Text(), text, StringComparison.Ordinal) || string.Equals(candidate.Text().Replace(' ', '_'), text, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static QueueTaskStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"'{text}' is not a task status");

    /// <summary>Not yet finished: may still run.</summary>
    public static bool IsOpen(this QueueTaskStatus status) =>
        status is QueueTaskStatus.Scheduled or QueueTaskStatus.ScheduledForRetry or QueueTaskStatus.InProcess;

    public static readonly string[] WaitingTexts = ["SCHEDULED", "SCHEDULED FOR RETRY"];
}
