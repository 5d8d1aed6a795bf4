namespace Cairn.Dicom;

/// <summary>A Storage SOP Class and the IOD its instances follow.</summary>
public sealed record DicomStorageSopClass(string Uid, string Name, string Iod);
