using System.Diagnostics.CodeAnalysis;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Tools.Commands;

/// <summary>A file storescu will send: what its header says, and where its data set starts.</summary>
public sealed class StoreScuFile
{
    private StoreScuFile(string path, string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax, long datasetOffset, long length, bool canSendAsIs)
    {
        Path = path;
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        TransferSyntax = transferSyntax;
        DatasetOffset = datasetOffset;
        Length = length;
        CanSendAsIs = canSendAsIs;
    }

    public string Path { get; }

    public string SopClassUid { get; }

    public string SopInstanceUid { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public long DatasetOffset { get; }

    public long Length { get; }

    /// <summary>The bytes after the File Meta Information are a clean encoding in <see cref="TransferSyntax"/>.</summary>
    public bool CanSendAsIs { get; }

    /// <summary>Reads the header only; false (with why) for what is not a DICOM file storescu can send.</summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out StoreScuFile? file, [NotNullWhen(false)] out string? problem)
    {
        file = null;
        try
        {
            var header = DicomFile.Open(path, new DicomReadOptions { StopAtTag = DicomTags.PixelData });
            var sopClass = header.Dataset.GetString(DicomTags.SOPClassUID) ?? header.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
            var sopInstance = header.Dataset.GetString(DicomTags.SOPInstanceUID) ?? header.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
            if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
            {
                problem = "no SOP Class UID or SOP Instance UID";
                return false;
            }

            // A read that had to repair the encoding (implicit VR announced as explicit, say) is re-encoded on send.
            var clean = header.Warnings.All(w => !w.Message.Contains("implicit VR", StringComparison.Ordinal) && !w.Message.Contains("recognised", StringComparison.Ordinal));
            file = new StoreScuFile(path, sopClass, sopInstance, header.TransferSyntax, header.DatasetOffset, new FileInfo(path).Length, clean && header.TransferSyntax.IsKnown);
            problem = null;
            return true;
        }
        catch (DicomFormatException e)
        {
            problem = e.Message;
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>The data set's bytes straight from the file, in 64 KiB chunks.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> RawDatasetChunks()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        stream.Position = DatasetOffset;
        var buffer = new byte[65536];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            yield return buffer.AsMemory(0, read);
        }
    }
}
