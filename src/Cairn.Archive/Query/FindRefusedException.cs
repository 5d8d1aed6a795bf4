using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Query;

/// <summary>A C-FIND identifier the SCP refuses, with the status and the reason it answers.</summary>
public sealed class FindRefusedException : Exception
{
    public FindRefusedException(DimseStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public FindRefusedException()
    {
    }

    public FindRefusedException(string message)
        : base(message)
    {
    }

    public FindRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DimseStatus Status { get; } = DimseStatus.IdentifierDoesNotMatchSopClass;
}
