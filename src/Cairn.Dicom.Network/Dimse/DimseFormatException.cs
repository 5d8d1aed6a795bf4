namespace Cairn.Dicom.Network.Dimse;

/// <summary>A DIMSE message a peer sent that cannot be understood: a bad command set or PDV sequence.</summary>
public sealed class DimseFormatException : Exception
{
    public DimseFormatException()
    {
    }

    public DimseFormatException(string message)
        : base(message)
    {
    }

    public DimseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
