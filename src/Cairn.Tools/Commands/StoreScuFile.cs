using System.Diagnostics.CodeAnalysis;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Tools.Commands;

/// <summary>A file storescu will send, as its header describes it (enough to propose presentation contexts).</summary>
public sealed class StoreScuFile
{
    private StoreScuFile(string path, string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax, long length)
    {
        Path = path;
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        TransferSyntax = transferSyntax;
        Length = length;
    }

    public string Path { get; }

    public string SopClassUid { get; }

    public string SopInstanceUid { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public long Length { get; }

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

            file = new StoreScuFile(path, sopClass, sopInstance, header.TransferSyntax, new FileInfo(path).Length);
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
}
