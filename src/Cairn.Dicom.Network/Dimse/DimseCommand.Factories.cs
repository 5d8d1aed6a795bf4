namespace Cairn.Dicom.Network.Dimse;

// The command sets of the messages Cairn sends (PS3.7 9.3 and 10.3).
public sealed partial class DimseCommand
{
    public static DimseCommand CEchoRequest(ushort messageId) =>
        Request(CommandField.CEchoRequest, messageId, DicomUids.Verification, hasDataset: false);

    public static DimseCommand CStoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid, Priority priority = Priority.Medium, string? moveOriginatorAETitle = null, ushort? moveOriginatorMessageId = null)
    {
        var command = Request(CommandField.CStoreRequest, messageId, sopClassUid, hasDataset: true);
        command.Dataset.Add(DicomTags.Priority, (ushort)priority);
        command.Dataset.Add(DicomTags.AffectedSOPInstanceUID, sopInstanceUid);
        if (moveOriginatorAETitle is not null)
        {
            command.Dataset.Add(DicomTags.MoveOriginatorApplicationEntityTitle, moveOriginatorAETitle);
            command.Dataset.Add(DicomTags.MoveOriginatorMessageID, moveOriginatorMessageId ?? 0);
        }

        return command;
    }

    public static DimseCommand CFindRequest(ushort messageId, string sopClassUid, Priority priority = Priority.Medium) =>
        WithPriority(Request(CommandField.CFindRequest, messageId, sopClassUid, hasDataset: true), priority);

    public static DimseCommand CGetRequest(ushort messageId, string sopClassUid, Priority priority = Priority.Medium) =>
        WithPriority(Request(CommandField.CGetRequest, messageId, sopClassUid, hasDataset: true), priority);

    public static DimseCommand CMoveRequest(ushort messageId, string sopClassUid, string moveDestination, Priority priority = Priority.Medium)
    {
        var command = WithPriority(Request(CommandField.CMoveRequest, messageId, sopClassUid, hasDataset: true), priority);
        command.Dataset.Add(DicomTags.MoveDestination, moveDestination);
        return command;
    }

    public static DimseCommand CCancelRequest(ushort messageIdBeingRespondedTo)
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.CommandField, (ushort)CommandField.CCancelRequest)
            .Add(DicomTags.MessageIDBeingRespondedTo, messageIdBeingRespondedTo)
            .Add(DicomTags.CommandDataSetType, NoDataSet);
        return new DimseCommand(dataset);
    }

    public static DimseCommand NCreateRequest(ushort messageId, string sopClassUid, string? sopInstanceUid, bool hasDataset = true)
    {
        var command = Request(CommandField.NCreateRequest, messageId, sopClassUid, hasDataset);
        if (sopInstanceUid is not null)
        {
            command.Dataset.Add(DicomTags.AffectedSOPInstanceUID, sopInstanceUid);
        }

        return command;
    }

    public static DimseCommand NEventReportRequest(ushort messageId, string sopClassUid, string sopInstanceUid, ushort eventTypeId, bool hasDataset = true)
    {
        var command = Request(CommandField.NEventReportRequest, messageId, sopClassUid, hasDataset);
        command.Dataset.Add(DicomTags.AffectedSOPInstanceUID, sopInstanceUid);
        command.Dataset.Add(DicomTags.EventTypeID, eventTypeId);
        return command;
    }

    public static DimseCommand NGetRequest(ushort messageId, string sopClassUid, string sopInstanceUid, params DicomTag[] attributes)
    {
        var command = Requested(CommandField.NGetRequest, messageId, sopClassUid, sopInstanceUid, hasDataset: false);
        if (attributes.Length > 0)
        {
            command.Dataset.Add(DicomTags.AttributeIdentifierList, attributes);
        }

        return command;
    }

    public static DimseCommand NSetRequest(ushort messageId, string sopClassUid, string sopInstanceUid) =>
        Requested(CommandField.NSetRequest, messageId, sopClassUid, sopInstanceUid, hasDataset: true);

    public static DimseCommand NActionRequest(ushort messageId, string sopClassUid, string sopInstanceUid, ushort actionTypeId, bool hasDataset = true)
    {
        var command = Requested(CommandField.NActionRequest, messageId, sopClassUid, sopInstanceUid, hasDataset);
        command.Dataset.Add(DicomTags.ActionTypeID, actionTypeId);
        return command;
    }

    public static DimseCommand NDeleteRequest(ushort messageId, string sopClassUid, string sopInstanceUid) =>
        Requested(CommandField.NDeleteRequest, messageId, sopClassUid, sopInstanceUid, hasDataset: false);

    /// <summary>
    /// The response to <paramref name="request"/> with <paramref name="status"/>: the same SOP class and instance
    /// (affected, as PS3.7 has responses say), the message ID it answers, and an error comment for failures.
    /// </summary>
    public static DimseCommand ResponseTo(DimseCommand request, DimseStatus status, bool hasDataset = false, string? errorComment = null)
    {
        var field = (CommandField)((ushort)request.Field | 0x8000);
        var dataset = new DicomDataset();
        if (request.SopClassUid is { } sopClass)
        {
            dataset.Add(DicomTags.AffectedSOPClassUID, sopClass);
        }

        dataset.Add(DicomTags.CommandField, (ushort)field)
            .Add(DicomTags.MessageIDBeingRespondedTo, request.MessageId)
            .Add(DicomTags.CommandDataSetType, hasDataset ? (ushort)0x0000 : NoDataSet)
            .Add(DicomTags.Status, status.Code);
        if (request.SopInstanceUid is { } instance && field is not (CommandField.CFindResponse or CommandField.CMoveResponse or CommandField.CGetResponse or CommandField.CEchoResponse))
        {
            dataset.Add(DicomTags.AffectedSOPInstanceUID, instance);
        }

        if (request.EventTypeId is { } eventType && field == CommandField.NEventReportResponse)
        {
            dataset.Add(DicomTags.EventTypeID, eventType);
        }

        if (request.ActionTypeId is { } actionType && field == CommandField.NActionResponse)
        {
            dataset.Add(DicomTags.ActionTypeID, actionType);
        }

        if (errorComment is not null && status.Category == StatusCategory.Failure)
        {
            dataset.Add(DicomTags.ErrorComment, errorComment.Length > 64 ? errorComment[..64] : errorComment);
        }

        return new DimseCommand(dataset);
    }

    /// <summary>A C-GET or C-MOVE response with its sub-operation counts.</summary>
    public static DimseCommand RetrieveResponseTo(DimseCommand request, DimseStatus status, ushort remaining, ushort completed, ushort failed, ushort warning)
    {
        var response = ResponseTo(request, status);
        if (status.IsPending)
        {
            response.Dataset.Add(DicomTags.NumberOfRemainingSuboperations, remaining);
        }

        response.Dataset.Add(DicomTags.NumberOfCompletedSuboperations, completed)
            .Add(DicomTags.NumberOfFailedSuboperations, failed)
            .Add(DicomTags.NumberOfWarningSuboperations, warning);
        return response;
    }

    private static DimseCommand Request(CommandField field, ushort messageId, string sopClassUid, bool hasDataset)
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.AffectedSOPClassUID, sopClassUid)
            .Add(DicomTags.CommandField, (ushort)field)
            .Add(DicomTags.MessageID, messageId)
            .Add(DicomTags.CommandDataSetType, hasDataset ? (ushort)0x0000 : NoDataSet);
        return new DimseCommand(dataset);
    }

    private static DimseCommand Requested(CommandField field, ushort messageId, string sopClassUid, string sopInstanceUid, bool hasDataset)
    {
        var dataset = new DicomDataset()
            .Add(DicomTags.RequestedSOPClassUID, sopClassUid)
            .Add(DicomTags.CommandField, (ushort)field)
            .Add(DicomTags.MessageID, messageId)
            .Add(DicomTags.CommandDataSetType, hasDataset ? (ushort)0x0000 : NoDataSet)
            .Add(DicomTags.RequestedSOPInstanceUID, sopInstanceUid);
        return new DimseCommand(dataset);
    }

    private static DimseCommand WithPriority(DimseCommand command, Priority priority)
    {
        command.Dataset.Add(DicomTags.Priority, (ushort)priority);
        return command;
    }
}
