namespace Cairn.Dicom;

/// <summary>
/// Input that is not DICOM, or DICOM that is broken beyond what a lenient reader can keep: truncated, a length that
/// runs past its container, nesting too deep. <see cref="Offset"/> is where in the input the problem was found.
/// </summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    public DicomFormatException()
    {
    }

    public DicomFormatException(string message)
        : base(message)
    {
    }

    public DicomFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Byte offset in the input (in the inflated stream for a deflated data set); -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
