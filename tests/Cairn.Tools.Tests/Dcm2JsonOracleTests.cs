using System.Text.Json;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;
using Xunit.Abstractions;

namespace Cairn.Tools.Tests;

/// <summary>
/// The oracle: for every readable corpus file, bin/dcm2json's JSON means what DCMTK's dcm2json writes. Files that
/// DCMTK 3.6.7 cannot convert as they are are compared with DCMTK's conversion of a copy it can convert, leaving
/// out only what the copy changed (see <see cref="DcmtkReference"/>); what DCMTK is known to do differently is
/// accepted only where it explains a difference (see <see cref="DicomJsonComparison"/>).
/// </summary>
[Collection(ToolsCollection.Name)]
public class Dcm2JsonOracleTests
{
    private readonly ToolsFixture _tools;
    private readonly ITestOutputHelper _output;

    public Dcm2JsonOracleTests(ToolsFixture tools, ITestOutputHelper output)
    {
        _tools = tools;
        _output = output;
    }

    public static TheoryData<string> Readable => Corpus.Theory(Corpus.ReadableFiles());

    [Theory]
    [MemberData(nameof(Readable))]
    public async Task Json_means_what_dcmtk_writes(string file)
    {
        var path = Corpus.PathOf(file);
        var ours = await _tools.RunAsync("dcm2json", path);
        Assert.True(ours.ExitCode == 0 && !ours.TimedOut, ours.ToString());
        Assert.Equal("", ours.Errors);

        // Strict: valid UTF-8 and valid JSON, or this throws.
        using var json = JsonDocument.Parse(ours.Output);
        var original = DicomFile.Open(path).Dataset;

        using var work = new TemporaryDirectory();
        using var reference = await DcmtkReference.BuildAsync(path, work, convertUnknown: false);
        var comparison = DicomJsonComparison.Compare(json.RootElement, reference, original, unknownConverted: null);
        if (comparison.NeedsUnknownConverted)
        {
            using var converted = await DcmtkReference.BuildAsync(path, work, convertUnknown: true);
            comparison = DicomJsonComparison.Compare(json.RootElement, reference, original, converted.Root);
            Assert.False(comparison.NeedsUnknownConverted);
        }

        foreach (var line in reference.Steps.Concat(comparison.Explained))
        {
            _output.WriteLine(line);
        }

        Assert.True(comparison.Differences.Count == 0, $"{comparison.Differences.Count} differences from DCMTK:\n{string.Join('\n', comparison.Differences.Take(30))}");

        if (reference.PixelDataRemoved)
        {
            // DCMTK cannot write encapsulated pixel data as JSON, but its dcmdump shows every fragment: our
            // InlineBinary must be exactly the value field those items make, and the padding what it shows.
            var expected = reference.EncapsulatedPixelData();
            Assert.NotNull(expected);
            var pixelData = json.RootElement.GetProperty("7FE00010");
            Assert.Equal(expected, pixelData.GetProperty("InlineBinary").GetBytesFromBase64());
            Assert.Equal(original[DicomTags.PixelData]!.VR.ToString(), pixelData.GetProperty("vr").GetString());

            var padding = reference.TrailingPadding();
            Assert.Equal(padding is not null, json.RootElement.TryGetProperty("FFFCFFFC", out var ourPadding));
            if (padding is not null)
            {
                Assert.Equal(padding, ourPadding.GetProperty("InlineBinary").GetBytesFromBase64());
            }
        }
    }
}
