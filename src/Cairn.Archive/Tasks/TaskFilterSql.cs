using Cairn.Archive.Index;
using Dapper;

namespace Cairn.Archive.Tasks;

/// <summary>A <see cref="TaskFilter"/> as a parameterised WHERE clause; values never become SQL text.</summary>
internal static class TaskFilterSql
{
    public static string Where(TaskFilter filter, DynamicParameters parameters)
    {
        var clauses = new List<string>();
        void Equal(string column, string name, object? value)
        {
            if (value is not null)
            {
                clauses.Add($"{column} = @{name}");
                parameters.Add(name, value);
            }
        }

        Equal("queue_name", "f_queue", filter.Queue);
        Equal("task_type", "f_type", filter.Type);
        Equal("device_name", "f_device", filter.DeviceName);
        Equal("batch_id", "f_batch", filter.BatchId);
        Equal("local_aet", "f_local", filter.LocalAET);
        Equal("remote_aet", "f_remote", filter.RemoteAET);
        Equal("study_iuid", "f_study", filter.StudyInstanceUid);
        Equal("exporter_id", "f_exporter", filter.ExporterId);
        Equal("pk", "f_pk", filter.TaskId);
        Equal("caused_by_fk", "f_caused_by", filter.CausedByTaskId);
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var names = new List<string>();
            for (var i = 0; i < statuses.Count; i++)
            {
                names.Add($"@f_status{i}");
                parameters.Add($"f_status{i}", statuses[i].Text());
            }

            clauses.Add($"status IN ({string.Join(", ", names)})");
        }

        void Range(string column, string name, DateTimeOffset? from, DateTimeOffset? to)
        {
            if (from is { } f)
            {
                clauses.Add($"{column} >= @{name}_from");
                parameters.Add($"{name}_from", IndexTime.Format(f));
            }

            if (to is { } t)
            {
                clauses.Add($"{column} <= @{name}_to");
                parameters.Add($"{name}_to", IndexTime.Format(t));
            }
        }

        Range("created_time", "f_created", filter.CreatedFrom, filter.CreatedTo);
        Range("updated_time", "f_updated", filter.UpdatedFrom, filter.UpdatedTo ?? filter.UpdatedNotAfter);
        return clauses.Count == 0 ? "1 = 1" : string.Join(" AND ", clauses);
    }
}
