using System.Text.Json;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// pydicom's DICOM JSON of every readable corpus file, from one run of Oracles/pydicom_to_json.py under Debian's
/// python3 with Debian's python3-pydicom (test.sh installs it): one process for the whole corpus, not one per file.
/// </summary>
public sealed class PydicomFixture : IAsyncLifetime
{
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly List<JsonDocument> _documents = [];
    private readonly Dictionary<string, PydicomOutput> _outputs = new(StringComparer.Ordinal);

    public static string Script { get; } = Path.Combine(Corpus.RepositoryRoot, "tests", "Cairn.Tools.Tests", "Oracles", "pydicom_to_json.py");

    /// <summary>The version of pydicom that gave the outputs.</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var version = await ProcessRunner.RunAsync(Python, ["-c", "import pydicom; print(pydicom.__version__)"], Timeout);
        if (version.ExitCode != 0 || version.TimedOut)
        {
            throw new InvalidOperationException($"pydicom is missing ({Python} cannot import it; ./test.sh installs Debian's python3-pydicom): {version}");
        }

        Version = version.OutputText.Trim();

        var files = Corpus.ReadableFiles().ToList();
        var run = await ProcessRunner.RunAsync(Python, [Script, .. files.Select(Corpus.PathOf)], Timeout, Corpus.RepositoryRoot);
        var lines = run.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (run.TimedOut || run.ExitCode is not (0 or 1) || lines.Length != files.Count)
        {
            throw new InvalidOperationException($"{Script} gave {lines.Length} lines for {files.Count} files: {run}");
        }

        for (var i = 0; i < files.Count; i++)
        {
            var document = JsonDocument.Parse(lines[i]);
            _documents.Add(document);
            var output = Parse(document.RootElement);
            if (output.File != Corpus.PathOf(files[i]))
            {
                throw new InvalidOperationException($"{Script} answered for {output.File} where {files[i]} was expected");
            }

            _outputs.Add(files[i], output);
        }

        // Exit status 1 says that some file could not be read at all, and only that; each such file has a line.
        var failed = _outputs.Values.Count(o => o.Error is not null);
        if ((run.ExitCode == 1) != (failed > 0) || run.ErrorLines.Length != failed)
        {
            throw new InvalidOperationException($"{Script} exited with {run.ExitCode} for {failed} unreadable files: {run}");
        }
    }

    public Task DisposeAsync()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>pydicom's output for a corpus file (its path relative to the corpus).</summary>
    public PydicomOutput For(string file) => _outputs[file];

    private static PydicomOutput Parse(JsonElement line)
    {
        var file = line.GetProperty("file").GetString()!;
        if (line.TryGetProperty("error", out var error))
        {
            return new PydicomOutput(file, false, null, new Dictionary<string, string>(), [], error.GetString());
        }

        var dropped = line.GetProperty("dropped").EnumerateArray()
            .ToDictionary(d => d.GetProperty("tag").GetString()!, d => d.GetProperty("error").GetString()!, StringComparer.Ordinal);
        var warnings = line.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        return new PydicomOutput(file, line.GetProperty("forced").GetBoolean(), line.GetProperty("dataset"), dropped, warnings, null);
    }
}
