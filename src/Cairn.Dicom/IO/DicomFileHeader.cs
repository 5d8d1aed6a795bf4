using System.Buffers.Binary;

namespace Cairn.Dicom.IO;

/// <summary>
/// The start of a Part 10 file: 128-byte preamble, "DICM", and the File Meta Information with a true group length.
/// A receiver that streams a data set to disk writes this first and the data set's bytes after it, unchanged.
/// </summary>
public static class DicomFileHeader
{
    public static DicomDataset BuildFileMetaInformation(string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax, string? sourceAETitle = null)
    {
        var meta = new DicomDataset();
        meta.AddBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0x00, 0x01 });
        meta.Add(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClassUid);
        meta.Add(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        meta.Add(DicomTags.TransferSyntaxUID, DicomVR.UI, transferSyntax.Uid);
        meta.Add(DicomTags.ImplementationClassUID, DicomVR.UI, CairnImplementation.ClassUid);
        meta.Add(DicomTags.ImplementationVersionName, DicomVR.SH, CairnImplementation.VersionName);
        if (!string.IsNullOrEmpty(sourceAETitle))
        {
            meta.Add(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, sourceAETitle);
        }

        return meta;
    }

    /// <summary>
    /// The same bytes as <see cref="Encode(DicomDataset)"/> of <see cref="BuildFileMetaInformation"/>, written straight
    /// into one array: a receiver writes one per object, and the general writer's buffers and data set cost more than
    /// the few hundred bytes it makes. Values are checked as the general path checks them.
    /// </summary>
    public static byte[] Encode(string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax, string? sourceAETitle = null)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var withSource = !string.IsNullOrEmpty(sourceAETitle);
        Check(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClassUid);
        Check(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        if (withSource)
        {
            Check(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, sourceAETitle!);
        }

        var groupLength = (12 + 2)
            + ShortElementLength(sopClassUid) + ShortElementLength(sopInstanceUid) + ShortElementLength(transferSyntax.Uid)
            + ShortElementLength(CairnImplementation.ClassUid) + ShortElementLength(CairnImplementation.VersionName)
            + (withSource ? ShortElementLength(sourceAETitle!) : 0);
        var header = new byte[128 + 4 + 12 + groupLength];
        "DICM"u8.CopyTo(header.AsSpan(128));
        var at = 132;
        at = WriteShortHeader(header, at, DicomTags.FileMetaInformationGroupLength, "UL"u8, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at), (uint)groupLength);
        at += 4;

        // OB has a 4-byte length after two reserved bytes.
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at), DicomTags.FileMetaInformationVersion.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 2), DicomTags.FileMetaInformationVersion.Element);
        "OB"u8.CopyTo(header.AsSpan(at + 4));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 8), 2);
        header[at + 13] = 0x01;
        at += 14;

        at = WriteText(header, at, DicomTags.MediaStorageSOPClassUID, "UI"u8, sopClassUid, 0);
        at = WriteText(header, at, DicomTags.MediaStorageSOPInstanceUID, "UI"u8, sopInstanceUid, 0);
        at = WriteText(header, at, DicomTags.TransferSyntaxUID, "UI"u8, transferSyntax.Uid, 0);
        at = WriteText(header, at, DicomTags.ImplementationClassUID, "UI"u8, CairnImplementation.ClassUid, 0);
        at = WriteText(header, at, DicomTags.ImplementationVersionName, "SH"u8, CairnImplementation.VersionName, (byte)' ');
        if (withSource)
        {
            WriteText(header, at, DicomTags.SourceApplicationEntityTitle, "AE"u8, sourceAETitle!, (byte)' ');
        }

        return header;
    }

    private static void Check(DicomTag tag, DicomVR vr, string value)
    {
        if (DicomValueValidator.Check(vr, value) is { } problem)
        {
            throw new DicomValueException($"{tag} {vr} value '{value}': {problem}.");
        }
    }

    // An element with a 2-byte length whose value is ASCII text padded to an even length.
    private static int ShortElementLength(string value) => 8 + value.Length + (value.Length & 1);

    private static int WriteShortHeader(byte[] header, int at, DicomTag tag, ReadOnlySpan<byte> vr, int length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at), tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 2), tag.Element);
        vr.CopyTo(header.AsSpan(at + 4));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 6), (ushort)length);
        return at + 8;
    }

    private static int WriteText(byte[] header, int at, DicomTag tag, ReadOnlySpan<byte> vr, string value, byte padding)
    {
        var padded = value.Length + (value.Length & 1);
        at = WriteShortHeader(header, at, tag, vr, padded);
        System.Text.Encoding.ASCII.GetBytes(value, header.AsSpan(at));
        if (padded != value.Length)
        {
            header[at + value.Length] = padding;
        }

        return at + padded;
    }

    /// <summary>Preamble, DICM and the given group 0002 elements (the group length is computed, not taken).</summary>
    public static byte[] Encode(DicomDataset fileMetaInformation)
    {
        var elements = new DicomDataset(fileMetaInformation.Where(e => e.Tag.Group == 0x0002 && !e.Tag.IsGroupLength));
        var body = new MemoryStream();
        foreach (var chunk in new DicomDatasetWriter(DicomEncoding.ExplicitLittleEndian, DicomWriteOptions.Default, bufferSize: 4096).Encode(elements))
        {
            body.Write(chunk.Span);
        }

        var header = new byte[128 + 4 + 12 + body.Length];
        "DICM"u8.CopyTo(header.AsSpan(128));
        var groupLength = header.AsSpan(132);
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, 0x0000_0002);
        "UL"u8.CopyTo(groupLength[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(groupLength[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength[8..], (uint)body.Length);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(header.AsSpan(144));
        return header;
    }
}
