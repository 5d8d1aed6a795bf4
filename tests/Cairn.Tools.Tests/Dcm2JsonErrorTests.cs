using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

/// <summary>
/// On input that is not DICOM, empty, truncated or malformed, dcm2json exits with 1, writes nothing on standard
/// output and exactly one line on standard error naming the file, the problem and the byte offset; it never hangs.
/// </summary>
[Collection(ToolsCollection.Name)]
public class Dcm2JsonErrorTests
{
    private readonly ToolsFixture _tools;

    public Dcm2JsonErrorTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    public static TheoryData<string> Unreadable => Corpus.Theory(Corpus.NotDicom.Concat(Corpus.Broken).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_corpus_file_that_is_not_dicom_or_is_broken_fails_in_one_line(string file)
    {
        await AssertFailsInOneLine(Corpus.PathOf(file));
    }

    [Fact]
    public async Task An_empty_file_fails_in_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("empty.dcm");
        await File.WriteAllBytesAsync(path, []);

        var result = await AssertFailsInOneLine(path);
        Assert.Contains("empty", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 132)]
    [InlineData(4, 4096)]
    [InlineData(5, 100_000)]
    public async Task Random_bytes_fail_in_one_line(int seed, int length)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File($"random-{seed}.bin");
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        await AssertFailsInOneLine(path);
    }

    [Fact]
    public async Task A_part10_header_followed_by_random_bytes_fails_in_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("header-then-noise.dcm");
        var bytes = new byte[4096];
        new Random(99).NextBytes(bytes);
        "DICM"u8.CopyTo(bytes.AsSpan(128));
        await File.WriteAllBytesAsync(path, bytes);

        await AssertFailsInOneLine(path);
    }

    [Theory]
    [InlineData("test_files/CT_small.dcm", 100)]
    [InlineData("test_files/CT_small.dcm", 3000)]
    [InlineData("test_files/rtplan.dcm", 700)]
    [InlineData("test_files/JPEG2000.dcm", 2000)]
    public async Task A_file_cut_short_inside_a_value_fails_in_one_line(string file, int cut)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("cut.dcm");
        var bytes = await File.ReadAllBytesAsync(Corpus.PathOf(file));
        await File.WriteAllBytesAsync(path, bytes[..^cut]);

        await AssertFailsInOneLine(path);
    }

    [Fact]
    public async Task A_missing_file_fails_in_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("no-such-file.dcm");

        var result = await _tools.RunAsync("dcm2json", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal($"dcm2json: {path}: no such file", Assert.Single(result.ErrorLines));
    }

    private async Task<ProcessResult> AssertFailsInOneLine(string path)
    {
        var result = await _tools.RunAsync("dcm2json", path);

        Assert.False(result.TimedOut, $"dcm2json {path} did not finish within {ToolsFixture.Timeout}");
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"dcm2json: {path}: ", line, StringComparison.Ordinal);
        Assert.Matches(@"\(at byte [0-9]+\)", line);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        return result;
    }
}
