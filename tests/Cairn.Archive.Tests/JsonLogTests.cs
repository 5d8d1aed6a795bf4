using System.Text.Json;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests;

/// <summary>--log-format json: one JSON object per event, and what happens on an association carries it as a scope.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task EachLineIsJsonAndTheAssociationIsAScopeOfWhatHappensOnIt()
    {
        using var data = new TemporaryDirectory();
        await using var archive = RunningProcess.Start("dotnet", [ArchiveProcess.Dll, "--data", data.Path, "--bind", "127.0.0.1", "--dicom-port", "0", "--http-port", "0", "--log-format", "json"]);
        var listening = await archive.WaitForLineAsync(l => l.Contains("Listening on 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the DICOM listener");
        using (var line = JsonDocument.Parse(listening))
        {
            var message = line.RootElement.GetProperty("Message").GetString()!;
            var port = message[(message.LastIndexOf(':') + 1)..];
            var stored = await ProcessRunner.RunAsync("storescu", ["-aec", "DCM4CHEE", "-aet", "MODALITY", "127.0.0.1", port, Corpus.PathOf("test_files/CT_small.dcm")], TimeSpan.FromSeconds(60), environment: new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
            Assert.True(stored.ExitCode == 0, stored.ToString());
        }

        var storedLine = await archive.WaitForLineAsync(l => l.Contains("stored 1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the stored line");
        using var json = JsonDocument.Parse(storedLine);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("Association", out var a) && a.GetString() == "DCM4CHEE<-MODALITY(1)");
        Assert.All(archive.Lines.Where(l => l.StartsWith('{')), l => JsonDocument.Parse(l).Dispose());
    }
}
