using Cairn.Archive.Export;
using Cairn.Archive.Index;
using Cairn.Dicom;

namespace Cairn.Archive.Store;

/// <summary>
/// An object the C-STORE SCP has answered with success: its data set (up to the pixel data), how it came, what the
/// index did, and, when it replaced an instance, the study and series that one sat in.
/// </summary>
public sealed record StoredObject(
    DicomDataset Dataset,
    ReceivedContext Context,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    StoreDisposition Disposition,
    string? PreviousStudyInstanceUid = null,
    string? PreviousSeriesInstanceUid = null);
