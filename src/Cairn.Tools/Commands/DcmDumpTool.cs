using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Tools.CommandLine;

namespace Cairn.Tools.Commands;

/// <summary>dcmdump: every element of DICOM files, one per line, File Meta Information first.</summary>
public sealed class DcmDumpTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "dcmdump",
        "[options] FILE...",
        "Writes the elements of each DICOM FILE to standard output, one line per element in dcm4che's layout:\n"
        + "  (0008,0056) CS [ONLINE] InstanceAvailability\n"
        + "with one '>' per level of sequence nesting. On a file that is not DICOM, empty, truncated or malformed,\n"
        + "it prints one line naming the file, the problem and the byte offset on standard error and exits with 1.",
        [
            new OptionSpec(["-w", "--width"], "chars", "cut values longer than <chars> characters (default 64)"),
            new OptionSpec(["--no-fmi"], null, "leave out the File Meta Information"),
            new OptionSpec(["--warnings"], null, "also print, on standard error, what a lenient read tolerated\nand every value its VR does not allow"),
        ]);

    public string Name => "dcmdump";

    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return Task.FromResult(0);
        }

        if (parsed.Operands.Count == 0)
        {
            throw new UsageException("dcmdump: no FILE given; try dcmdump --help");
        }

        var width = 64;
        if (parsed.Value("width") is { } w && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width < 8))
        {
            throw new UsageException($"dcmdump: --width {w} is not a number of at least 8");
        }

        var dump = new DicomDump(width);
        var status = 0;
        foreach (var path in parsed.Operands)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DicomFile file;
            try
            {
                file = DicomFile.Open(path);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.WriteLine(FileProblem.Describe("dcmdump", path, e));
                status = 1;
                continue;
            }

            if (parsed.Operands.Count > 1)
            {
                output.WriteLine($"# {path}");
            }

            if (parsed.Has("warnings"))
            {
                foreach (var warning in file.Warnings)
                {
                    errors.WriteLine($"dcmdump: {path}: warning: {warning}");
                }

                foreach (var problem in file.Dataset.Validate())
                {
                    errors.WriteLine($"dcmdump: {path}: warning: {problem}");
                }
            }

            if (!parsed.Has("no-fmi"))
            {
                foreach (var line in dump.Lines(file.FileMetaInformation))
                {
                    output.WriteLine(line);
                }
            }

            foreach (var line in dump.Lines(file.Dataset))
            {
                output.WriteLine(line);
            }
        }

        return Task.FromResult(status);
    }
}
