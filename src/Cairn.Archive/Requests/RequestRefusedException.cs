namespace Cairn.Archive.Requests;

/// <summary>A request the archive refuses before doing anything, with the reason in words and its kind.</summary>
public sealed class RequestRefusedException : Exception
{
    public RequestRefusedException(RefusalKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public RequestRefusedException()
    {
    }

    public RequestRefusedException(string message)
        : base(message)
    {
    }

    public RequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RefusalKind Kind { get; } = RefusalKind.BadRequest;
}
