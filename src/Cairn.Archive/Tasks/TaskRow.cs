using Cairn.Archive.Index;

namespace Cairn.Archive.Tasks;

/// <summary>A task row as the database returns it (times as text), turned into a <see cref="QueueTask"/>.</summary>
internal sealed class TaskRow
{
    public const string Columns =
        "pk AS Pk, device_name AS DeviceName, queue_name AS QueueName, task_type AS TaskType, status AS Status, batch_id AS BatchId, failures AS Failures, " +
        "created_time AS CreatedTime, updated_time AS UpdatedTime, scheduled_time AS ScheduledTime, proc_start_time AS ProcStartTime, proc_end_time AS ProcEndTime, " +
        "error_msg AS ErrorMsg, outcome_msg AS OutcomeMsg, requester_user_id AS RequesterUserId, requester_host AS RequesterHost, request_uri AS RequestUri, " +
        "local_aet AS LocalAet, remote_aet AS RemoteAet, study_iuid AS StudyIuid, series_iuid AS SeriesIuid, sop_iuid AS SopIuid, exporter_id AS ExporterId, " +
        "num_instances AS NumInstances, modalities AS Modalities, caused_by_fk AS CausedByFk, payload AS Payload, claimed_by AS ClaimedBy";

    public long Pk { get; set; }
    public string DeviceName { get; set; } = "";
    public string QueueName { get; set; } = "";
    public string TaskType { get; set; } = "";
    public string Status { get; set; } = "";
    public string? BatchId { get; set; }
    public long Failures { get; set; }
    public string CreatedTime { get; set; } = "";
    public string UpdatedTime { get; set; } = "";
    public string ScheduledTime { get; set; } = "";
    public string? ProcStartTime { get; set; }
    public string? ProcEndTime { get; set; }
    public string? ErrorMsg { get; set; }
    public string? OutcomeMsg { get; set; }
    public string? RequesterUserId { get; set; }
    public string? RequesterHost { get; set; }
    public string? RequestUri { get; set; }
    public string? LocalAet { get; set; }
    public string? RemoteAet { get; set; }
    public string? StudyIuid { get; set; }
    public string? SeriesIuid { get; set; }
    public string? SopIuid { get; set; }
    public string? ExporterId { get; set; }
    public long? NumInstances { get; set; }
    public string? Modalities { get; set; }
    public long? CausedByFk { get; set; }
    public byte[]? Payload { get; set; }
    public string? ClaimedBy { get; set; }

    public QueueTask ToTask() => new()
    {
        TaskId = Pk,
        DeviceName = DeviceName,
        Queue = QueueName,
        Type = TaskType,
        Status = QueueTaskStatuses.Parse(Status),
        BatchId = BatchId,
        Failures = (int)Failures,
        CreatedTime = IndexTime.Parse(CreatedTime),
        UpdatedTime = IndexTime.Parse(UpdatedTime),
        ScheduledTime = IndexTime.Parse(ScheduledTime),
        ProcessingStartTime = ProcStartTime is null ? null : IndexTime.Parse(ProcStartTime),
        ProcessingEndTime = ProcEndTime is null ? null : IndexTime.Parse(ProcEndTime),
        ErrorMessage = ErrorMsg,
        OutcomeMessage = OutcomeMsg,
        RequesterUserId = RequesterUserId,
        RequesterHost = RequesterHost,
        RequestUri = RequestUri,
        LocalAET = LocalAet,
        RemoteAET = RemoteAet,
        StudyInstanceUid = StudyIuid,
        SeriesInstanceUid = SeriesIuid,
        SopInstanceUid = SopIuid,
        ExporterId = ExporterId,
        NumberOfInstances = NumInstances,
        Modalities = Modalities,
        CausedByTaskId = CausedByFk,
        Payload = Payload,
        ClaimedBy = ClaimedBy,
    };
}
