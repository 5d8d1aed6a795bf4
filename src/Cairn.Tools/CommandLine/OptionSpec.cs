namespace Cairn.Tools.CommandLine;

/// <summary>One option of a tool: its names (dcm4che's spelling), whether it takes a value, and its help text.</summary>
public sealed record OptionSpec(string[] Names, string? ValueName, string Description)
{
    public bool TakesValue => ValueName is not null;

    public string Key => Names[^1].TrimStart('-');
}
