namespace Cairn.Dicom.IO;

/// <summary>Something a lenient reader tolerated, and where.</summary>
public sealed record DicomReadWarning(long Offset, string Message)
{
    public override string ToString() => $"offset {Offset}: {Message}";
}
