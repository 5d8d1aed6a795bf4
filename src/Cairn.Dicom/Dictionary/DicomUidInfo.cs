namespace Cairn.Dicom;

/// <summary>A row of the UID registry (PS3.6 Annex A).</summary>
public sealed record DicomUidInfo(string Uid, string Name, string Type, string Keyword, bool IsRetired);
