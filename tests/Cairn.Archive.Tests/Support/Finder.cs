using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Tests.Support;

/// <summary>DCMTK findscu against an archive: the responses it extracted (-X) and its final status line.</summary>
public static class Finder
{
    /// <summary>Runs findscu with <paramref name="model"/> (-P patient root, -S study root) and keys (-k).</summary>
    public static async Task<FindOutcome> FindAsync(TestArchive archive, string model, string[] keys, params string[] options)
    {
        using var output = new TemporaryDirectory();
        var arguments = new List<string> { "-v", model, "-aet", "FINDSCU", "-aec", TestArchive.AETitle, "-X", "-od", output.Path };
        arguments.AddRange(options);
        foreach (var key in keys)
        {
            arguments.Add("-k");
            arguments.Add(key);
        }

        arguments.Add("127.0.0.1");
        arguments.Add(archive.DicomPort.ToString(CultureInfo.InvariantCulture));
        var result = await Peers.DcmtkAsync("findscu", [.. arguments]);
        var text = result.OutputText + result.Errors;
        var final = text.Split('\n').LastOrDefault(l => l.Contains("Final Find Response", StringComparison.Ordinal)) ?? "";
        var responses = Directory.EnumerateFiles(output.Path, "rsp*.dcm").Order(StringComparer.Ordinal).Select(f => DicomFile.Open(f).Dataset).ToList();
        return new FindOutcome(responses, final, text, result.ExitCode);
    }
}

/// <summary>What findscu received: the pending responses' identifiers and the final response line.</summary>
public sealed record FindOutcome(IReadOnlyList<DicomDataset> Matches, string Final, string Text, int ExitCode)
{
    public bool Succeeded => Final.Contains("(Success)", StringComparison.Ordinal);
}
