using System.Globalization;
using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>How the monitoring pages write tasks: times in the archive's time zone, statuses as badges, queues by their description.</summary>
public static class TaskDisplay
{
    /// <summary>The statuses in the order of a task's life, as the filters offer them.</summary>
    public static IReadOnlyList<QueueTaskStatus> Statuses { get; } = Enum.GetValues<QueueTaskStatus>();

    public static IReadOnlyList<QueueTaskStatus> OpenStatuses { get; } = [.. Enum.GetValues<QueueTaskStatus>().Where(s => s.IsOpen())];

    /// <summary>The orders a list may have, as <c>orderby</c> names them, with their words.</summary>
    public static IReadOnlyList<(string Value, string Text)> Orders { get; } =
    [
        ("-updatedTime", "Updated, newest first"),
        ("updatedTime", "Updated, oldest first"),
        ("-createdTime", "Created, newest first"),
        ("createdTime", "Created, oldest first"),
        ("-scheduledTime", "Scheduled, latest first"),
        ("scheduledTime", "Scheduled, earliest first"),
    ];

    public static IReadOnlyList<int> PageSizes { get; } = [20, 50, 100, 200];

    public const int DefaultPageSize = 20;

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "";

    /// <summary>A time as a datetime-local input holds it (the archive's time zone, which the filter's parser assumes).</summary>
    public static string InputTime(DateTimeOffset? time) => time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : "";

    /// <summary>The archive's time zone, as the pages state it beside their times.</summary>
    public static string Zone => "UTC" + DateTimeOffset.Now.ToString("zzz", CultureInfo.InvariantCulture);

    /// <summary>The status badge's class (spaces become underscores: IN_PROCESS).</summary>
    public static string StatusClass(QueueTaskStatus status) => "status " + status.Text().Replace(' ', '_');

    /// <summary>A queue as the operator knows it: its description (IANSCU is "IAN Tasks"), else its name.</summary>
    public static string QueueLabel(ArchiveDevice device, string queue) =>
        device.Archive.FindQueue(queue)?.Description is { Length: > 0 } description ? description : queue;

    /// <summary>"1 task", "3 tasks".</summary>
    public static string Tasks(long count) => count == 1 ? "1 task" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} tasks";
}
