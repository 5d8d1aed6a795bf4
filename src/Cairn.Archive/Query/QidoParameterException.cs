namespace Cairn.Archive.Query;

/// <summary>A QIDO-RS query parameter (or path segment) that cannot be used, named with what is wrong.</summary>
public sealed class QidoParameterException : Exception
{
    public QidoParameterException(string parameter, string message)
        : base($"{parameter}: {message}")
    {
        Parameter = parameter;
    }

    public QidoParameterException()
    {
        Parameter = "";
    }

    public QidoParameterException(string message)
        : base(message)
    {
        Parameter = "";
    }

    public QidoParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "";
    }

    public string Parameter { get; }
}
