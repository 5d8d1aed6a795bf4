using System.Globalization;
using System.Text.Json;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Tasks;

/// <summary>A task as dcm4chee's queue API writes it: its field names, statuses with spaces, fields left out when unset.</summary>
public static class TaskJson
{
    public static void Write(Utf8JsonWriter json, QueueTask task)
    {
        json.WriteStartObject();
        json.WriteNumber("taskID", task.TaskId);
        json.WriteString("dicomDeviceName", task.DeviceName);
        json.WriteString("queue", task.Queue);
        json.WriteString("type", task.Type);
        json.WriteString("status", task.Status.Text());
        Optional(json, "batchID", task.BatchId);
        if (task.Failures > 0)
        {
            json.WriteNumber("failures", task.Failures);
        }

        json.WriteString("createdTime", Time(task.CreatedTime));
        json.WriteString("updatedTime", Time(task.UpdatedTime));
        json.WriteString("scheduledTime", Time(task.ScheduledTime));
        if (task.ProcessingStartTime is { } start)
        {
            json.WriteString("processingStartTime", Time(start));
        }

        if (task.ProcessingEndTime is { } end)
        {
            json.WriteString("processingEndTime", Time(end));
        }

        Optional(json, "errorMessage", task.ErrorMessage);
        Optional(json, "outcomeMessage", task.OutcomeMessage);
        Optional(json, "RequesterUserID", task.RequesterUserId);
        Optional(json, "RequesterHostName", task.RequesterHost);
        Optional(json, "RequestURI", task.RequestUri);
        Optional(json, "LocalAET", task.LocalAET);
        Optional(json, "RemoteAET", task.RemoteAET);
        Optional(json, "StudyInstanceUID", task.StudyInstanceUid);
        Optional(json, "SeriesInstanceUID", task.SeriesInstanceUid is "*" ? null : task.SeriesInstanceUid);
        Optional(json, "SOPInstanceUID", task.SopInstanceUid is "*" ? null : task.SopInstanceUid);
        Optional(json, "ExporterID", task.ExporterId);
        if (task.NumberOfInstances is { } count)
        {
            json.WriteNumber("NumberOfInstances", count);
        }

        if (task.Modalities is { Length: > 0 } modalities)
        {
            json.WriteStartArray("Modality");
            foreach (var modality in modalities.Split('\\'))
            {
                json.WriteStringValue(modality);
            }

            json.WriteEndArray();
        }

        if (task.CausedByTaskId is { } cause)
        {
            json.WriteNumber("causedByTaskID", cause);
        }

        json.WriteEndObject();
    }

    /// <summary>ISO-8601 with milliseconds and the offset, in the archive's local time.</summary>
    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
