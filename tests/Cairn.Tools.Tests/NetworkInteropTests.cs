using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

/// <summary>Cairn's network tools and DCMTK's, as real processes on 127.0.0.1, in both directions.</summary>
[Collection(ToolsCollection.Name)]
public sealed class NetworkInteropTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ToolsFixture _tools;
    private readonly string _directory = Directory.CreateTempSubdirectory("cairn-interop-").FullName;

    public NetworkInteropTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<ServerProcess> StartCairnAsync(string tool, int port, params string[] arguments) =>
        Servers.StartAsync(_tools.ExecutablePath, [tool, .. arguments], port);

    private static Task<ProcessResult> DcmtkAsync(string program, params string[] arguments) =>
        ProcessRunner.RunAsync($"/usr/bin/{program}", arguments, Timeout, environment: new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });

    /// <summary>Corpus files with native pixel data (or none) and SOP UIDs: what DCMTK's storescu sends by default.</summary>
    private static List<(string Path, string SopInstanceUid)> NativeFiles()
    {
        var files = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(Corpus.PathOf("test_files"), "*.dcm").Order(StringComparer.Ordinal))
        {
            try
            {
                var file = DicomFile.Open(path);
                if (file.HadPart10Header && !file.TransferSyntax.IsEncapsulated && !file.TransferSyntax.IsDeflated && file.Warnings.Count == 0
                    && file.Dataset.GetString(DicomTags.SOPInstanceUID) is { Length: > 0 } uid && file.Dataset.GetString(DicomTags.SOPClassUID) is { Length: > 0 })
                {
                    files.Add((path, uid));
                }
            }
            catch (DicomFormatException)
            {
                // not one to send
            }
        }

        return files;
    }

    private static void AssertArrivedEqual(IEnumerable<(string Path, string SopInstanceUid)> sent, Func<string, string?> arrivedPath, bool withoutTrailingPadding = false)
    {
        // The same UID sent twice: the last one sent is the one kept.
        foreach (var group in sent.GroupBy(s => s.SopInstanceUid))
        {
            var source = group.Last().Path;
            var arrived = arrivedPath(group.Key);
            Assert.True(arrived is not null, $"{source} ({group.Key}) did not arrive");
            var expected = DicomFile.Open(source).Dataset;
            if (withoutTrailingPadding)
            {
                expected.Remove(DicomTags.DataSetTrailingPadding);
            }

            var difference = DatasetComparer.Difference(expected, DicomFile.Open(arrived).Dataset);
            Assert.True(difference is null, $"{source}: {difference}");
        }
    }

    [Fact]
    public async Task Dcmtk_storescu_to_cairn_storescp_delivers_equal_data_sets()
    {
        var port = Servers.FreePort();
        var files = NativeFiles();
        Assert.True(files.Count >= 20, $"only {files.Count} corpus files to send");
        await using (var scp = await StartCairnAsync("storescp", port, "-b", $"STORESCP@127.0.0.1:{port}", "--directory", _directory))
        {
            var result = await DcmtkAsync("storescu", ["-R", "-aec", "STORESCP", "127.0.0.1", $"{port}", .. files.Select(f => f.Path)]);
            Assert.True(result.ExitCode == 0, $"DCMTK storescu: {result.OutputText}{result.Errors}\n{scp.Output}");
        }

        // DCMTK's storescu leaves Data Set Trailing Padding out of what it sends.
        AssertArrivedEqual(files, uid => File.Exists(Path.Combine(_directory, uid)) ? Path.Combine(_directory, uid) : null, withoutTrailingPadding: true);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Cairn_storescu_to_dcmtk_storescp_delivers_equal_data_sets()
    {
        var port = Servers.FreePort();
        var files = NativeFiles();
        await using (var scp = await Servers.StartAsync("/usr/bin/storescp", ["-aet", "STORESCP", "+xa", "-od", _directory, $"{port}"], port))
        {
            var result = await _tools.RunAsync("storescu", ["-c", $"STORESCP@127.0.0.1:{port}", .. files.Select(f => f.Path)]);
            Assert.True(result.ExitCode == 0, $"Cairn storescu: {result.OutputText}{result.Errors}\n{scp.Output}");
            Assert.Contains($"Sent {files.Count} objects", result.OutputText, StringComparison.Ordinal);
        }

        // DCMTK names received files MODALITY.UID, and leaves Data Set Trailing Padding out when it writes them.
        var arrived = Directory.GetFiles(_directory);
        AssertArrivedEqual(files, uid => arrived.FirstOrDefault(p => Path.GetFileName(p).EndsWith("." + uid, StringComparison.Ordinal)), withoutTrailingPadding: true);
    }

    [Fact]
    public async Task Echo_in_both_directions()
    {
        var cairnPort = Servers.FreePort();
        await using (var cairn = await StartCairnAsync("storescp", cairnPort, "-b", $"STORESCP@127.0.0.1:{cairnPort}", "--ignore"))
        {
            var result = await DcmtkAsync("echoscu", "-aec", "STORESCP", "127.0.0.1", $"{cairnPort}");
            Assert.True(result.ExitCode == 0, $"DCMTK echoscu: {result.OutputText}{result.Errors}");
        }

        var dcmtkPort = Servers.FreePort();
        await using (var dcmtk = await Servers.StartAsync("/usr/bin/storescp", ["-aet", "STORESCP", "-od", _directory, $"{dcmtkPort}"], dcmtkPort))
        {
            var result = await _tools.RunAsync("echoscu", "-c", $"STORESCP@127.0.0.1:{dcmtkPort}");
            Assert.True(result.ExitCode == 0, $"Cairn echoscu: {result.OutputText}{result.Errors}");
            Assert.Contains("0000H (Success)", result.OutputText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Against_an_implicit_only_peer_native_files_are_re_encoded_and_a_compressed_one_fails_alone()
    {
        var port = Servers.FreePort();
        string[] files =
        [
            Path.Combine(Corpus.PathOf("test_files"), "CT_small.dcm"),
            Path.Combine(Corpus.PathOf("test_files"), "JPEG2000.dcm"),
            Path.Combine(Corpus.PathOf("test_files"), "MR_small_bigendian.dcm"),
        ];
        await using (var scp = await Servers.StartAsync("/usr/bin/storescp", ["-aet", "STORESCP", "+xi", "-od", _directory, $"{port}"], port))
        {
            var result = await _tools.RunAsync("storescu", ["-c", $"STORESCP@127.0.0.1:{port}", .. files]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Sent 2 objects", result.OutputText, StringComparison.Ordinal);
            Assert.Contains("1 failed", result.OutputText, StringComparison.Ordinal);
            Assert.Contains("JPEG2000.dcm", result.OutputText, StringComparison.Ordinal);
        }

        var arrived = Directory.GetFiles(_directory).Select(p => DicomFile.Open(p)).ToList();
        Assert.Equal(2, arrived.Count);
        Assert.All(arrived, f => Assert.Equal(DicomUids.ImplicitVRLittleEndian, f.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID)));
        var ct = arrived.Single(f => f.Dataset.GetString(DicomTags.Modality) == "CT");
        var expected = Implicit(DicomFile.Open(files[0]).Dataset);
        expected.Remove(DicomTags.DataSetTrailingPadding);
        Assert.Null(DatasetComparer.Difference(expected, ct.Dataset));
    }

    [Fact]
    public async Task Cairn_ianscu_to_cairn_ianscp_round_trip()
    {
        var port = Servers.FreePort();
        var study = Path.Combine(Corpus.PathOf("test_files"), "dicomdirtests", "98892001");
        var sent = Directory.EnumerateFiles(study, "*", SearchOption.AllDirectories).Select(p => DicomFile.Open(p).Dataset).ToList();
        await using (var scp = await StartCairnAsync("ianscp", port, "-b", $"IANSCP@127.0.0.1:{port}", "--directory", _directory))
        {
            var result = await _tools.RunAsync("ianscu", "-c", $"IANSCP@127.0.0.1:{port}", "--retrieve-aet", "DCM4CHEE", "--availability", "NEARLINE", study);
            Assert.True(result.ExitCode == 0, $"{result.OutputText}{result.Errors}\n{scp.Output}");

            // The same notification again is a duplicate.
            var ian = Directory.GetFiles(_directory).Single();
            var again = await _tools.RunAsync("ianscu", "-c", $"IANSCP@127.0.0.1:{port}", ian);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("0111H", again.OutputText, StringComparison.Ordinal);
        }

        var file = DicomFile.Open(Directory.GetFiles(_directory).Single());
        Assert.Equal(DicomUids.InstanceAvailabilityNotification, file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal(Path.GetFileName(Directory.GetFiles(_directory).Single()), file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        var ianDataset = file.Dataset;
        Assert.Equal(sent[0].GetString(DicomTags.StudyInstanceUID), ianDataset.GetString(DicomTags.StudyInstanceUID));
        var referenced = ianDataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items
            .SelectMany(s => s.GetSequence(DicomTags.ReferencedSOPSequence)!.Items)
            .ToList();
        Assert.Equal(sent.Select(d => d.GetString(DicomTags.SOPInstanceUID)).Order(), referenced.Select(r => r.GetString(DicomTags.ReferencedSOPInstanceUID)).Order());
        Assert.All(referenced, r => Assert.Equal("NEARLINE", r.GetString(DicomTags.InstanceAvailability)));
        Assert.All(referenced, r => Assert.Equal("DCM4CHEE", r.GetString(DicomTags.RetrieveAETitle)));
    }

    /// <summary>What an implicit VR encoding keeps: private and unknown elements come back as UN.</summary>
    private static DicomDataset Implicit(DicomDataset dataset) =>
        DicomDatasetSerializer.Decode(DicomDatasetSerializer.Encode(dataset, DicomTransferSyntax.ImplicitVRLittleEndian), DicomTransferSyntax.ImplicitVRLittleEndian);
}
