namespace Cairn.Dicom.Network.Dimse;

/// <summary>The names DICOM (and dcm4che's logs) give the commands: C-STORE-RQ, N-CREATE-RSP, …</summary>
public static class CommandFieldNames
{
    public static string Of(CommandField field) => field switch
    {
        CommandField.CStoreRequest => "C-STORE-RQ",
        CommandField.CStoreResponse => "C-STORE-RSP",
        CommandField.CGetRequest => "C-GET-RQ",
        CommandField.CGetResponse => "C-GET-RSP",
        CommandField.CFindRequest => "C-FIND-RQ",
        CommandField.CFindResponse => "C-FIND-RSP",
        CommandField.CMoveRequest => "C-MOVE-RQ",
        CommandField.CMoveResponse => "C-MOVE-RSP",
        CommandField.CEchoRequest => "C-ECHO-RQ",
        CommandField.CEchoResponse => "C-ECHO-RSP",
        CommandField.NEventReportRequest => "N-EVENT-REPORT-RQ",
        CommandField.NEventReportResponse => "N-EVENT-REPORT-RSP",
        CommandField.NGetRequest => "N-GET-RQ",
        CommandField.NGetResponse => "N-GET-RSP",
        CommandField.NSetRequest => "N-SET-RQ",
        CommandField.NSetResponse => "N-SET-RSP",
        CommandField.NActionRequest => "N-ACTION-RQ",
        CommandField.NActionResponse => "N-ACTION-RSP",
        CommandField.NCreateRequest => "N-CREATE-RQ",
        CommandField.NCreateResponse => "N-CREATE-RSP",
        CommandField.NDeleteRequest => "N-DELETE-RQ",
        CommandField.NDeleteResponse => "N-DELETE-RSP",
        CommandField.CCancelRequest => "C-CANCEL-RQ",
        _ => $"0x{(ushort)field:X4}",
    };

    public static bool IsResponse(CommandField field) => ((ushort)field & 0x8000) != 0;
}
