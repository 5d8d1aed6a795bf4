using System.Buffers.Binary;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Dicom.Network.Tests.Dimse;

public class DimseCommandTests
{
    [Fact]
    public void A_c_store_request_encodes_as_implicit_little_endian_with_a_true_group_length()
    {
        var request = DimseCommand.CStoreRequest(7, DicomUids.CTImageStorage, "1.2.3", Priority.High, "MOVER", 3);
        var bytes = request.Encode();

        Assert.Equal(new byte[] { 0, 0, 0, 0, 4, 0, 0, 0 }, bytes[..8]);
        Assert.Equal((uint)(bytes.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));

        var decoded = DimseCommand.Decode(bytes);
        Assert.Equal(CommandField.CStoreRequest, decoded.Field);
        Assert.Equal(7, decoded.MessageId);
        Assert.Equal(DicomUids.CTImageStorage, decoded.AffectedSopClassUid);
        Assert.Equal("1.2.3", decoded.AffectedSopInstanceUid);
        Assert.Equal(Priority.High, decoded.Priority);
        Assert.Equal("MOVER", decoded.MoveOriginatorAETitle);
        Assert.Equal((ushort)3, decoded.MoveOriginatorMessageId);
        Assert.True(decoded.HasDataset);
        Assert.Equal("7:C-STORE-RQ[cuid=1.2.840.10008.5.1.4.1.1.2, iuid=1.2.3]", decoded.ToString());
    }

    public static TheoryData<string> Commands() => [.. CommandsByName().Keys];

    private static Dictionary<string, Func<DimseCommand>> CommandsByName()
    {
        var store = DimseCommand.CStoreRequest(7, DicomUids.CTImageStorage, "1.2.840.113619.2.1", Priority.Low, "MOVER", 3);
        var oddValues = new DicomDataset(
            new DicomValueElement(DicomTags.CommandGroupLength, DicomVR.UL, new byte[] { 9, 9, 9, 9 }),
            new DicomValueElement(DicomTags.AffectedSOPClassUID, DicomVR.UI, "1.2.3"u8.ToArray()),
            new DicomValueElement(DicomTags.CommandField, DicomVR.US, new byte[] { 1, 0 }),
            new DicomValueElement(DicomTags.MoveDestination, DicomVR.AE, "ODD"u8.ToArray()),
            new DicomValueElement(DicomTags.MessageID, DicomVR.US, new byte[] { 5, 0 }),
            new DicomValueElement(DicomTags.CommandDataSetType, DicomVR.US, new byte[] { 1, 1 }),
            new DicomValueElement(DicomTags.ErrorComment, DicomVR.LO, ReadOnlyMemory<byte>.Empty));
        return new()
        {
            ["C-ECHO-RQ"] = () => DimseCommand.CEchoRequest(1),
            ["C-STORE-RQ"] = () => DimseCommand.CStoreRequest(65535, DicomUids.CTImageStorage, "2.25.164771329453321549631141798495722862982"),
            ["C-STORE-RQ moved"] = () => store,
            ["C-STORE-RSP failed"] = () => DimseCommand.ResponseTo(store, DimseStatus.OutOfResources, errorComment: "the disk is full (odd)"),
            ["C-FIND-RQ"] = () => DimseCommand.CFindRequest(2, DicomUids.StudyRootQueryRetrieveInformationModelFind),
            ["C-MOVE-RSP pending"] = () => DimseCommand.RetrieveResponseTo(DimseCommand.CMoveRequest(3, DicomUids.StudyRootQueryRetrieveInformationModelMove, "STORESCP"), DimseStatus.Pending, 3, 2, 1, 0),
            ["C-CANCEL-RQ"] = () => DimseCommand.CCancelRequest(4),
            ["N-GET-RQ"] = () => DimseCommand.NGetRequest(5, "1.2.840.10008.5.1.1.16", "1.2.3", DicomTags.PatientName, DicomTags.PatientID),
            ["N-EVENT-REPORT-RQ"] = () => DimseCommand.NEventReportRequest(6, "1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1),
            ["N-ACTION-RSP"] = () => DimseCommand.ResponseTo(DimseCommand.NActionRequest(7, "1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1), DimseStatus.Success),
            ["odd-length values, stale group length"] = () => new DimseCommand(oddValues),
            ["received"] = () => DimseCommand.Decode(DimseCommand.CStoreRequest(8, DicomUids.MRImageStorage, "1.2.3.4").Encode()),
        };
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_set_encodes_byte_for_byte_as_the_data_set_writer_does(string name)
    {
        var command = CommandsByName()[name]();
        var bytes = command.Encode();
        // The general writer, on the same elements (Encode has added the group length if it was missing).
        Assert.Equal(DicomDatasetSerializer.Encode(command.Dataset, DicomTransferSyntax.ImplicitVRLittleEndian), bytes);
        Assert.Equal(command.ToString(), DimseCommand.Decode(bytes).ToString());
    }

    [Fact]
    public void A_response_answers_its_request()
    {
        var request = DimseCommand.NCreateRequest(9, DicomUids.InstanceAvailabilityNotification, "1.2.3.4");
        var response = DimseCommand.Decode(DimseCommand.ResponseTo(request, DimseStatus.DuplicateSopInstance, errorComment: "already stored").Encode());
        Assert.Equal(CommandField.NCreateResponse, response.Field);
        Assert.Equal(9, response.MessageIdBeingRespondedTo);
        Assert.Equal("1.2.3.4", response.AffectedSopInstanceUid);
        Assert.Equal(DimseStatus.DuplicateSopInstance, response.Status);
        Assert.Equal(StatusCategory.Failure, response.Status.Category);
        Assert.Equal("already stored", response.ErrorComment);
        Assert.False(response.HasDataset);
    }

    [Fact]
    public void Retrieve_responses_carry_sub_operation_counts()
    {
        var request = DimseCommand.CMoveRequest(1, DicomUids.StudyRootQueryRetrieveInformationModelMove, "STORESCP");
        Assert.Equal("STORESCP", DimseCommand.Decode(request.Encode()).MoveDestination);
        var pending = DimseCommand.Decode(DimseCommand.RetrieveResponseTo(request, DimseStatus.Pending, 3, 2, 1, 0).Encode());
        Assert.Equal((ushort)3, pending.RemainingSuboperations);
        Assert.Equal((ushort)2, pending.CompletedSuboperations);
        Assert.Equal((ushort)1, pending.FailedSuboperations);
        var final = DimseCommand.RetrieveResponseTo(request, DimseStatus.SubOperationsCompleteWithFailures, 0, 5, 1, 0);
        Assert.Null(final.RemainingSuboperations);
    }

    [Fact]
    public void Normalized_requests_name_the_requested_instance()
    {
        var get = DimseCommand.Decode(DimseCommand.NGetRequest(2, "1.2.840.10008.5.1.1.16", "1.2.3", DicomTags.PatientName).Encode());
        Assert.Equal("1.2.3", get.RequestedSopInstanceUid);
        Assert.Equal("1.2.3", get.SopInstanceUid);
        Assert.False(get.HasDataset);
        var report = DimseCommand.Decode(DimseCommand.NEventReportRequest(3, "1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1).Encode());
        Assert.Equal((ushort)1, report.EventTypeId);
        var action = DimseCommand.Decode(DimseCommand.ResponseTo(DimseCommand.NActionRequest(4, "1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1), DimseStatus.Success).Encode());
        Assert.Equal((ushort)1, action.ActionTypeId);
        Assert.Equal(CommandField.CCancelRequest, DimseCommand.Decode(DimseCommand.CCancelRequest(5).Encode()).Field);
    }

    [Theory]
    [InlineData(0x0000, StatusCategory.Success)]
    [InlineData(0xFF00, StatusCategory.Pending)]
    [InlineData(0xFF01, StatusCategory.Pending)]
    [InlineData(0xFE00, StatusCategory.Cancel)]
    [InlineData(0xB000, StatusCategory.Warning)]
    [InlineData(0x0107, StatusCategory.Warning)]
    [InlineData(0xA700, StatusCategory.Failure)]
    [InlineData(0xA801, StatusCategory.Failure)]
    [InlineData(0xC000, StatusCategory.Failure)]
    [InlineData(0x0111, StatusCategory.Failure)]
    public void Status_categories(int code, StatusCategory category) => Assert.Equal(category, new DimseStatus((ushort)code).Category);

    [Theory]
    [InlineData("0000", 0x0000)]
    [InlineData("A700", 0xA700)]
    [InlineData("0111H", 0x0111)]
    [InlineData("0xB000", 0xB000)]
    public void Status_codes_parse_as_operators_write_them(string text, int code) => Assert.Equal(code, DimseStatus.Parse(text).Code);

    [Fact]
    public void A_command_set_without_its_required_fields_is_refused()
    {
        var noField = new DicomDataset().Add(DicomTags.MessageID, (ushort)1).Add(DicomTags.CommandDataSetType, (ushort)0x0101);
        var error = Assert.Throws<DimseFormatException>(() => DimseCommand.Decode(new DimseCommand(noField).Encode()));
        Assert.Contains("no Command Field", error.Message, StringComparison.Ordinal);

        var outside = DimseCommand.CEchoRequest(1);
        outside.Dataset.Add(DicomTags.PatientID, "x");
        Assert.Contains("outside group 0000", Assert.Throws<DimseFormatException>(() => DimseCommand.Decode(outside.Encode())).Message, StringComparison.Ordinal);

        Assert.Throws<DimseFormatException>(() => DimseCommand.Decode(new byte[] { 0, 0, 0, 0, 4, 0, 0, 0, 9 }));
    }
}
