namespace Cairn.Dicom;

public static partial class DicomStorageSopClasses
{
    public static bool IsStorage(string sopClassUid) => All.Any(s => s.Uid == sopClassUid);
}
