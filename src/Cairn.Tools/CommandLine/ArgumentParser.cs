using System.Text;

namespace Cairn.Tools.CommandLine;

/// <summary>
/// A small parser for dcm4che-style command lines: short and long names, "--name value" or "--name=value",
/// operands anywhere, "--" ends options. Errors are <see cref="UsageException"/>s with a message for the user.
/// </summary>
public sealed class ArgumentParser
{
    private readonly string _tool;
    private readonly string _usage;
    private readonly string _description;
    private readonly List<OptionSpec> _options;

    public ArgumentParser(string tool, string usage, string description, IEnumerable<OptionSpec> options)
    {
        _tool = tool;
        _usage = usage;
        _description = description;
        _options = [.. options, new OptionSpec(["-h", "--help"], null, "display this help and exit")];
    }

    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var result = new ParsedArguments();
        var onlyOperands = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyOperands || arg.Length < 2 || arg[0] != '-')
            {
                result.Operands.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyOperands = true;
                continue;
            }

            var name = arg;
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }

            var spec = _options.FirstOrDefault(o => o.Names.Contains(name, StringComparer.Ordinal))
                ?? throw new UsageException($"{_tool}: unknown option {name}; try {_tool} --help");
            if (!spec.TakesValue)
            {
                if (inline is not null)
                {
                    throw new UsageException($"{_tool}: option {name} takes no value");
                }

                result.Add(spec.Key, "");
                continue;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{_tool}: option {name} needs a value <{spec.ValueName}>"));
            result.Add(spec.Key, value);
        }

        return result;
    }

    public string Help()
    {
        var sb = new StringBuilder();
        sb.Append("usage: ").Append(_tool).Append(' ').AppendLine(_usage).AppendLine();
        sb.AppendLine(_description).AppendLine().AppendLine("Options:");
        foreach (var option in _options)
        {
            var names = string.Join(", ", option.Names) + (option.TakesValue ? $" <{option.ValueName}>" : "");
            sb.Append("  ").Append(names.PadRight(30)).Append(' ');
            var first = true;
            foreach (var line in option.Description.Split('\n'))
            {
                if (!first)
                {
                    sb.Append(new string(' ', 33));
                }

                sb.AppendLine(line);
                first = false;
            }
        }

        return sb.ToString();
    }
}
