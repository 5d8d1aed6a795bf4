using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

[Collection(ToolsCollection.Name)]
public class DcmDumpTests
{
    private readonly ToolsFixture _tools;

    public DcmDumpTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    [Fact]
    public async Task Ct_small_is_dumped_one_element_a_line_in_dcm4ches_layout()
    {
        var result = await _tools.RunAsync("dcmdump", Corpus.PathOf("test_files/CT_small.dcm"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Errors);
        var lines = result.OutputText.Split('\n');
        Assert.Contains("(0002,0010) UI [1.2.840.10008.1.2.1] TransferSyntaxUID", lines);
        Assert.Contains("(0008,0060) CS [CT] Modality", lines);
        Assert.Contains("(0010,0010) PN [CompressedSamples^CT1] PatientName", lines);
        Assert.Contains("(0028,0010) US [128] Rows", lines);
        Assert.Contains(lines, l => l.StartsWith("(0028,0030) DS [0.661468\\0.661468] PixelSpacing", StringComparison.Ordinal));

        // Sequence contents are marked with '>' per level: (0010,1002) OtherPatientIDsSequence has two items.
        var sequence = Array.IndexOf(lines, "(0010,1002) SQ [2 Items] OtherPatientIDsSequence");
        Assert.True(sequence >= 0, "no line for OtherPatientIDsSequence");
        Assert.Equal(
            [">(FFFE,E000) Item #1", ">(0010,0020) LO [ABCD1234] PatientID", ">(0010,0022) CS [TEXT] TypeOfPatientID", ">(FFFE,E000) Item #2"],
            lines[(sequence + 1)..(sequence + 5)]);
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.Matches(@"^>*\([0-9A-F]{4},[0-9A-F]{4}\) ", l));
    }

    [Fact]
    public async Task A_file_that_is_not_dicom_fails_in_one_line()
    {
        var path = Corpus.PathOf("test_files/README.txt");
        var result = await _tools.RunAsync("dcmdump", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"dcmdump: {path}: ", line, StringComparison.Ordinal);
        Assert.Contains("at byte", line, StringComparison.Ordinal);
    }
}
