using System.Text.Json;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Tasks;

/// <summary>
/// A batch as dcm4chee's <c>/monitor/export/batch</c> writes it: <c>batchID</c>, the counts per status under
/// <c>tasks</c> (lower case, hyphens for spaces, zeros left out), the devices and exporters, and each time as a
/// <c>[earliest, latest]</c> range.
/// </summary>
public static class TaskBatchJson
{
    public static void Write(Utf8JsonWriter json, TaskBatch batch)
    {
        json.WriteStartObject();
        json.WriteString("batchID", batch.BatchId);
        json.WriteStartObject("tasks");
        foreach (var (status, count) in batch.Counts.OrderBy(c => c.Key))
        {
            json.WriteNumber(status.Text().ToLowerInvariant().Replace(' ', '-'), count);
        }

        json.WriteEndObject();
        Names(json, "dicomDeviceName", batch.DeviceNames);
        Names(json, "ExporterID", batch.ExporterIds);
        Range(json, "createdTimeRange", batch.CreatedFrom, batch.CreatedTo);
        Range(json, "updatedTimeRange", batch.UpdatedFrom, batch.UpdatedTo);
        Range(json, "scheduledTimeRange", batch.ScheduledFrom, batch.ScheduledTo);
        json.WriteEndObject();
    }

    private static void Names(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Range(Utf8JsonWriter json, string name, DateTimeOffset from, DateTimeOffset to)
    {
        json.WriteStartArray(name);
        json.WriteStringValue(TaskJson.Time(from));
        json.WriteStringValue(TaskJson.Time(to));
        json.WriteEndArray();
    }
}
