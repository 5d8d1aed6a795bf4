namespace Cairn.Archive.Configuration;

/// <summary>A configuration change made against a version that is no longer the stored one.</summary>
public sealed class ConfigurationConflictException : Exception
{
    public ConfigurationConflictException(string message)
        : base(message)
    {
    }

    public ConfigurationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
