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
