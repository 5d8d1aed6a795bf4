namespace Cairn.Dicom.Network;

/// <summary>The association ended abnormally: aborted by either side, or the connection was lost.</summary>
public sealed class AssociationAbortedException : Exception
{
    public AssociationAbortedException()
    {
    }

    public AssociationAbortedException(string message)
        : base(message)
    {
    }

    public AssociationAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
