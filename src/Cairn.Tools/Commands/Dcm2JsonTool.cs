using Cairn.Dicom.IO;
using Cairn.Dicom.Json;
using Cairn.Tools.CommandLine;

namespace Cairn.Tools.Commands;

/// <summary>dcm2json: the data set of a DICOM file (not its File Meta Information) in the DICOM JSON model.</summary>
public sealed class Dcm2JsonTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "dcm2json",
        "[options] FILE",
        "Writes the data set of the DICOM FILE (not its File Meta Information) to standard output in the DICOM JSON\n"
        + "model of PS3.18 Annex F, as UTF-8: binary values as InlineBinary (base64), strings decoded with the file's\n"
        + "Specific Character Set, which is written as ISO_IR 192; group lengths are left out. On a file that is not\n"
        + "DICOM, empty, truncated or malformed, it prints one line naming the file, the problem and the byte offset on\n"
        + "standard error and exits with 1.",
        [
            new OptionSpec(["-I", "--indent"], null, "use line breaks and indentation (default)"),
            new OptionSpec(["--compact"], null, "write no whitespace at all"),
        ]);

    public string Name => "dcm2json";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            await output.WriteAsync(Parser.Help().AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (parsed.Operands.Count != 1)
        {
            throw new UsageException(parsed.Operands.Count == 0
                ? "dcm2json: no FILE given; try dcm2json --help"
                : $"dcm2json: one FILE, not {parsed.Operands.Count}; try dcm2json --help");
        }

        if (parsed.Has("indent") && parsed.Has("compact"))
        {
            throw new UsageException("dcm2json: --indent and --compact exclude each other");
        }

        var path = parsed.Operands[0];
        DicomFile file;
        try
        {
            file = await DicomFile.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever reading the input raised is about the input: one line, never a stack trace.
            await errors.WriteLineAsync(FileProblem.Describe(Name, path, e).AsMemory(), cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var writer = new DicomJsonWriter(new DicomJsonWriterOptions { Indented = !parsed.Has("compact") });
        try
        {
            if (ReferenceEquals(output, Console.Out))
            {
                // DICOM JSON is UTF-8 whatever the locale says; the console's writer would encode as the locale does.
                var stdout = Console.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    await writer.WriteAsync(stdout, file.Dataset, cancellationToken).ConfigureAwait(false);
                    await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await writer.WriteAsync(output, file.Dataset, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException e)
        {
            await errors.WriteLineAsync($"{Name}: {path}: cannot write the JSON: {e.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
