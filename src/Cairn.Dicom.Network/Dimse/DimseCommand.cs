using Cairn.Dicom.IO;

namespace Cairn.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE command set (group 0000, PS3.7 E.1): typed access to its fields over the data set that carries them,
/// and the encoding DIMSE always uses for it (implicit VR little endian, with its group length).
/// </summary>
public sealed partial class DimseCommand
{
    /// <summary>(0000,0800) value meaning "no data set follows" (PS3.7 E.1).</summary>
    public const ushort NoDataSet = 0x0101;

    public DimseCommand(DicomDataset dataset)
    {
        Dataset = dataset;
    }

    public DicomDataset Dataset { get; }

    public CommandField Field => (CommandField)UShort(DicomTags.CommandField);

    public string Name => CommandFieldNames.Of(Field);

    public bool IsResponse => CommandFieldNames.IsResponse(Field);

    public ushort MessageId => UShort(DicomTags.MessageID);

    public ushort MessageIdBeingRespondedTo => UShort(DicomTags.MessageIDBeingRespondedTo);

    public bool HasDataset => Dataset.TryGetInt32(DicomTags.CommandDataSetType, out var type) && type != NoDataSet;

    public string? AffectedSopClassUid => Dataset.GetString(DicomTags.AffectedSOPClassUID);

    public string? AffectedSopInstanceUid => Dataset.GetString(DicomTags.AffectedSOPInstanceUID);

    public string? RequestedSopClassUid => Dataset.GetString(DicomTags.RequestedSOPClassUID);

    public string? RequestedSopInstanceUid => Dataset.GetString(DicomTags.RequestedSOPInstanceUID);

    /// <summary>The SOP class the command is about: affected, else requested.</summary>
    public string? SopClassUid => AffectedSopClassUid ?? RequestedSopClassUid;

    /// <summary>The SOP instance the command is about: affected, else requested.</summary>
    public string? SopInstanceUid => AffectedSopInstanceUid ?? RequestedSopInstanceUid;

    public DimseStatus Status => new(UShort(DicomTags.Status));

    public Priority Priority => (Priority)UShort(DicomTags.Priority);

    public string? MoveDestination => Dataset.GetString(DicomTags.MoveDestination)?.Trim();

    public string? MoveOriginatorAETitle => Dataset.GetString(DicomTags.MoveOriginatorApplicationEntityTitle)?.Trim();

    public ushort? MoveOriginatorMessageId => OptionalUShort(DicomTags.MoveOriginatorMessageID);

    public ushort? RemainingSuboperations => OptionalUShort(DicomTags.NumberOfRemainingSuboperations);

    public ushort? CompletedSuboperations => OptionalUShort(DicomTags.NumberOfCompletedSuboperations);

    public ushort? FailedSuboperations => OptionalUShort(DicomTags.NumberOfFailedSuboperations);

    public ushort? WarningSuboperations => OptionalUShort(DicomTags.NumberOfWarningSuboperations);

    public string? ErrorComment => Dataset.GetString(DicomTags.ErrorComment);

    public ushort? EventTypeId => OptionalUShort(DicomTags.EventTypeID);

    public ushort? ActionTypeId => OptionalUShort(DicomTags.ActionTypeID);

    /// <summary>The command set as DIMSE sends it: implicit VR little endian, (0000,0000) first and true.</summary>
    public byte[] Encode()
    {
        if (!Dataset.Contains(DicomTags.CommandGroupLength))
        {
            Dataset.AddValues(DicomTags.CommandGroupLength, DicomVR.UL, 0u);
        }

        return DicomDatasetSerializer.Encode(Dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    /// <summary>Decodes a received command set; refuses one without its command field or message IDs.</summary>
    public static DimseCommand Decode(ReadOnlyMemory<byte> bytes)
    {
        DicomDataset dataset;
        try
        {
            dataset = DicomDatasetSerializer.Decode(bytes, DicomTransferSyntax.ImplicitVRLittleEndian);
        }
        catch (DicomFormatException e)
        {
            throw new DimseFormatException($"the command set is not valid: {e.Message}", e);
        }

        if (dataset.Any(e => e.Tag.Group != 0x0000))
        {
            throw new DimseFormatException($"the command set holds {dataset.First(e => e.Tag.Group != 0).Tag}, outside group 0000");
        }

        var command = new DimseCommand(dataset);
        if (!dataset.TryGetInt32(DicomTags.CommandField, out _))
        {
            throw new DimseFormatException("the command set has no Command Field (0000,0100)");
        }

        var idTag = command.IsResponse || command.Field == CommandField.CCancelRequest ? DicomTags.MessageIDBeingRespondedTo : DicomTags.MessageID;
        if (!dataset.TryGetInt32(idTag, out _))
        {
            throw new DimseFormatException($"{command.Name} has no {DicomDictionary.KeywordOf(idTag)} {idTag}");
        }

        if (!dataset.TryGetInt32(DicomTags.CommandDataSetType, out _))
        {
            throw new DimseFormatException($"{command.Name} has no Command Data Set Type (0000,0800)");
        }

        return command;
    }

    public override string ToString() =>
        IsResponse
            ? $"{MessageIdBeingRespondedTo}:{Name}[status={Status.Code:X4}H{(SopInstanceUid is { } uid ? $", iuid={uid}" : "")}]"
            : $"{MessageId}:{Name}[{(SopClassUid is { } cuid ? $"cuid={cuid}" : "")}{(SopInstanceUid is { } iuid ? $", iuid={iuid}" : "")}]";

    private ushort UShort(DicomTag tag) => Dataset.TryGetInt32(tag, out var value) ? (ushort)value : (ushort)0;

    private ushort? OptionalUShort(DicomTag tag) => Dataset.TryGetInt32(tag, out var value) ? (ushort)value : null;
}
