using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>A matching key the engine cannot use (a range that is not one), naming the attribute.</summary>
public sealed class QueryKeyException : Exception
{
    public QueryKeyException(DicomTag tag, string message)
        : base(message)
    {
        Tag = tag;
    }

    public QueryKeyException()
    {
    }

    public QueryKeyException(string message)
        : base(message)
    {
    }

    public QueryKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DicomTag Tag { get; }
}
