namespace Cairn.Archive.Configuration;

/// <summary>A configuration refused: the message names the attribute and what is wrong with it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
