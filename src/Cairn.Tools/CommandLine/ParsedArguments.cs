namespace Cairn.Tools.CommandLine;

/// <summary>What a command line said: option values by key (an option may repeat) and the operands.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public List<string> Operands { get; } = [];

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Value(string key) => _values.TryGetValue(key, out var v) ? v[^1] : null;

    public IReadOnlyList<string> Values(string key) => _values.TryGetValue(key, out var v) ? v : [];

    internal void Add(string key, string value)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
        }

        list.Add(value);
    }
}
