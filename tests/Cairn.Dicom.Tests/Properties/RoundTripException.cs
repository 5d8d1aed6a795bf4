namespace Cairn.Dicom.Tests.Properties;

/// <summary>A round trip that did not give back what went in, with the leg (syntax and options) it failed in.</summary>
public sealed class RoundTripException : Exception
{
    public RoundTripException()
    {
    }

    public RoundTripException(string message)
        : base(message)
    {
    }

    public RoundTripException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
