namespace Cairn.Dicom;

/// <summary>A value that does not satisfy its VR: refused when a data set is created, reported when one is read.</summary>
public sealed class DicomValueException : Exception
{
    public DicomValueException()
    {
    }

    public DicomValueException(string message)
        : base(message)
    {
    }

    public DicomValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
