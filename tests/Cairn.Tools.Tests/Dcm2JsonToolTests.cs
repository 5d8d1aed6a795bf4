using System.Text.Json;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Commands;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

[Collection(ToolsCollection.Name)]
public class Dcm2JsonToolTests
{
    private static readonly string CtSmall = Corpus.PathOf("test_files/CT_small.dcm");

    private readonly ToolsFixture _tools;

    public Dcm2JsonToolTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    [Fact]
    public async Task Output_is_indented_by_default_and_compact_on_request_with_the_same_content()
    {
        var indented = await _tools.RunAsync("dcm2json", CtSmall);
        var explicitIndent = await _tools.RunAsync("dcm2json", "-I", CtSmall);
        var compact = await _tools.RunAsync("dcm2json", "--compact", CtSmall);

        Assert.Equal(0, indented.ExitCode);
        Assert.StartsWith("{\n  \"00080005\": {\n    \"vr\": \"CS\",\n    \"Value\": [\n      \"ISO_IR 192\"\n    ]\n  },\n", indented.OutputText, StringComparison.Ordinal);
        Assert.Equal(indented.Output, explicitIndent.Output);
        Assert.Equal(0, compact.ExitCode);
        Assert.StartsWith("""{"00080005":{"vr":"CS","Value":["ISO_IR 192"]},"00080008":{"vr":"CS","Value":["ORIGINAL","PRIMARY","AXIAL"]},""", compact.OutputText, StringComparison.Ordinal);
        Assert.Single(compact.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        using var a = JsonDocument.Parse(indented.Output);
        using var b = JsonDocument.Parse(compact.Output);
        Assert.Equal(JsonSerializer.Serialize(a.RootElement), JsonSerializer.Serialize(b.RootElement));
    }

    [Fact]
    public async Task The_file_meta_information_is_not_part_of_the_json()
    {
        var result = await _tools.RunAsync("dcm2json", "--compact", CtSmall);
        using var json = JsonDocument.Parse(result.Output);
        Assert.DoesNotContain(json.RootElement.EnumerateObject(), p => p.Name.StartsWith("0002", StringComparison.Ordinal));
        Assert.True(json.RootElement.TryGetProperty("7FE00010", out _));
    }

    [Fact]
    public async Task Help_describes_the_tool_and_its_options()
    {
        var result = await _tools.RunAsync("dcm2json", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: dcm2json [options] FILE\n", result.OutputText, StringComparison.Ordinal);
        Assert.Contains("-I, --indent", result.OutputText, StringComparison.Ordinal);
        Assert.Contains("--compact", result.OutputText, StringComparison.Ordinal);
        Assert.Contains("-h, --help", result.OutputText, StringComparison.Ordinal);
        Assert.Equal("", result.Errors);
    }

    [Theory]
    [InlineData(new string[0], "no FILE given")]
    [InlineData(new[] { "a.dcm", "b.dcm" }, "one FILE, not 2")]
    [InlineData(new[] { "--pretty", "a.dcm" }, "unknown option --pretty")]
    [InlineData(new[] { "--indent", "--compact", "a.dcm" }, "--indent and --compact exclude each other")]
    public async Task A_wrong_command_line_is_a_usage_error(string[] arguments, string message)
    {
        var result = await _tools.RunAsync("dcm2json", arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains(message, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_runs_in_process_with_any_writers()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var status = await new Dcm2JsonTool().RunAsync(["--compact", CtSmall], output, errors, CancellationToken.None);

        Assert.Equal(0, status);
        Assert.Equal("", errors.ToString());
        Assert.EndsWith("}\n", output.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("CT", json.RootElement.GetProperty("00080060").GetProperty("Value")[0].GetString());
        await Assert.ThrowsAsync<UsageException>(() => new Dcm2JsonTool().RunAsync([], output, errors, CancellationToken.None));
    }

    [Fact]
    public async Task The_bin_scripts_run_the_tools()
    {
        var root = Corpus.RepositoryRoot;
        var json = await ProcessRunner.RunAsync(Path.Combine(root, "bin", "dcm2json"), ["--compact", CtSmall], TimeSpan.FromMinutes(10), root);
        var dump = await ProcessRunner.RunAsync(Path.Combine(root, "bin", "dcmdump"), [CtSmall], TimeSpan.FromMinutes(10), root);

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal((await _tools.RunAsync("dcm2json", "--compact", CtSmall)).Output, json.Output);
        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Contains("(0008,0060) CS [CT] Modality", dump.OutputText, StringComparison.Ordinal);
    }
}
