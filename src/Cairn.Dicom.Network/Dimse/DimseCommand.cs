using System.Buffers.Binary;
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

        return IsFlatCommandGroup() ? EncodeFlat() : DicomDatasetSerializer.Encode(Dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    /// <summary>Whether every element is a value in group 0000, as in every command set DIMSE defines.</summary>
    private bool IsFlatCommandGroup()
    {
        foreach (var element in Dataset)
        {
            if (element is not DicomValueElement || element.Tag.Group != 0x0000)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Implicit VR little endian for a flat command group, written straight into one array: tag, 32-bit length,
    /// value (padded to even length), with the group length recomputed, byte for byte what the data set writer makes.
    /// The general writer's chunked encoding cost more than the rest of building a C-STORE-RQ.
    /// </summary>
    private byte[] EncodeFlat()
    {
        var total = 0;
        foreach (var element in Dataset)
        {
            total += 8 + (element.Tag.IsGroupLength ? 4 : Even(((DicomValueElement)element).Length));
        }

        var bytes = new byte[total];
        var at = 0;
        foreach (var element in Dataset)
        {
            var value = (DicomValueElement)element;
            var span = bytes.AsSpan(at);
            BinaryPrimitives.WriteUInt16LittleEndian(span, value.Tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], value.Tag.Element);
            if (value.Tag.IsGroupLength)
            {
                // The group length counts every element of the group after itself (12 bytes: tag, length, UL).
                BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 4);
                BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(total - 12));
                at += 12;
                continue;
            }

            var padded = Even(value.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)padded);
            value.Value.Span.CopyTo(span[8..]);
            if (padded != value.Length)
            {
                span[8 + value.Length] = value.VR.PaddingByte;
            }

            at += 8 + padded;
        }

        return bytes;
    }

    private static int Even(int length) => length + (length & 1);

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
