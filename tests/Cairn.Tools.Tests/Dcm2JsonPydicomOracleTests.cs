using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;
using Xunit.Abstractions;

namespace Cairn.Tools.Tests;

/// <summary>
/// The second oracle: for every readable corpus file, bin/dcm2json's JSON means what pydicom (Debian's
/// python3-pydicom, 2.3) writes with Dataset.to_json_dict(), pydicom's own conventions accepted only where they
/// explain a difference (see <see cref="PydicomJsonComparison"/>). pydicom converts the whole corpus in one
/// process (see <see cref="PydicomFixture"/>).
/// </summary>
[Collection(ToolsCollection.Name)]
public class Dcm2JsonPydicomOracleTests : IClassFixture<PydicomFixture>
{
    /// <summary>
    /// Where pydicom and we disagree and the convention does not explain it: reported, awaiting a decision. Each
    /// must still be found exactly as written, and nothing else: fixing one makes this test fail until its entry
    /// goes.
    /// </summary>
    private static readonly FrozenDictionary<string, string[]> KnownDisagreements = new Dictionary<string, string[]>
    {
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly ToolsFixture _tools;
    private readonly PydicomFixture _pydicom;
    private readonly ITestOutputHelper _output;

    public Dcm2JsonPydicomOracleTests(ToolsFixture tools, PydicomFixture pydicom, ITestOutputHelper output)
    {
        _tools = tools;
        _pydicom = pydicom;
        _output = output;
    }

    public static TheoryData<string> Readable => Corpus.Theory(Corpus.ReadableFiles());

    [Theory]
    [MemberData(nameof(Readable))]
    public async Task Json_means_what_pydicom_writes(string file)
    {
        var path = Corpus.PathOf(file);
        var ours = await _tools.RunAsync("dcm2json", path);
        Assert.True(ours.ExitCode == 0 && !ours.TimedOut, ours.ToString());
        Assert.Equal("", ours.Errors);
        using var json = JsonDocument.Parse(ours.Output);
        var original = DicomFile.Open(path);

        var pydicom = _pydicom.For(file);
        Assert.True(pydicom.Error is null, $"pydicom {_pydicom.Version} cannot read {file}, which we read: {pydicom.Error}");
        // force=True is for files without File Meta Information only, and those are the files we read without it.
        Assert.Equal(!original.HadPart10Header, pydicom.Forced);

        var comparison = PydicomJsonComparison.Compare(json.RootElement, pydicom, original);

        var rules = comparison.Rules.Count == 0
            ? "no rule needed"
            : "rules " + string.Join(", ", comparison.Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} ×{r.Value}")));
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{file}: {comparison.Attributes} attributes compared with pydicom {_pydicom.Version}{(pydicom.Forced ? " (read with force=True: no File Meta Information)" : "")}; {rules}; {comparison.Differences.Count} differences"));
        foreach (var warning in pydicom.Warnings)
        {
            _output.WriteLine($"pydicom warned: {warning}");
        }

        foreach (var line in comparison.Explained)
        {
            _output.WriteLine(line);
        }

        var known = KnownDisagreements.GetValueOrDefault(file, []);
        foreach (var line in known)
        {
            _output.WriteLine($"known disagreement, reported: {line}");
        }

        Assert.True(comparison.Differences.SequenceEqual(known), $"{comparison.Differences.Count} differences from pydicom (known: {known.Length}):\n{string.Join('\n', comparison.Differences.Take(30))}");
    }

    [Fact]
    public void Every_known_disagreement_is_about_a_readable_file()
    {
        Assert.All(KnownDisagreements.Keys, f => Assert.Contains(f, Corpus.ReadableFiles()));
    }

    [Fact]
    public async Task The_script_says_which_file_pydicom_cannot_read_and_still_converts_the_others()
    {
        using var work = new TemporaryDirectory();
        var missing = work.File("missing.dcm");
        var good = Corpus.PathOf("test_files/CT_small.dcm");

        var run = await ProcessRunner.RunAsync(PydicomFixture.Python, [PydicomFixture.Script, missing, good], TimeSpan.FromMinutes(1));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"pydicom_to_json.py: {missing}: FileNotFoundError", error, StringComparison.Ordinal);
        var lines = run.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var failed = JsonDocument.Parse(lines[0]);
        Assert.Equal(missing, failed.RootElement.GetProperty("file").GetString());
        Assert.StartsWith("FileNotFoundError", failed.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var converted = JsonDocument.Parse(lines[1]);
        Assert.Equal("CT", converted.RootElement.GetProperty("dataset").GetProperty("00080060").GetProperty("Value")[0].GetString());
        Assert.False(converted.RootElement.GetProperty("forced").GetBoolean());
    }
}
