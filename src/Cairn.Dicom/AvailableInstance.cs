namespace Cairn.Dicom;

/// <summary>An instance an Instance Availability Notification references.</summary>
public readonly record struct AvailableInstance(string SeriesInstanceUid, string SopClassUid, string SopInstanceUid);
