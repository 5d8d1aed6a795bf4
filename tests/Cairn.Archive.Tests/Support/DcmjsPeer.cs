using System.Globalization;
using System.Text.Json;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// tests/peers/dimse-peer.js: a storage and IAN SCP built on dcmjs-dimse, a DICOM implementation independent of
/// Cairn's, as a process. It records every C-STORE and N-CREATE it receives as a message (JSON: command fields, AE
/// titles, transfer syntax, the status it answered; an N-CREATE's data set as dcmjs parsed it) and every C-STORE's data
/// set as the bytes it received. It needs Node.js and tests/peers/node_modules (./test.sh runs npm ci): without them
/// the tests fail, saying so.
/// </summary>
public sealed class DcmjsPeer : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private DcmjsPeer(RunningProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public static string Script => Path.Combine(Corpus.RepositoryRoot, "tests", "peers", "dimse-peer.js");

    public string Directory { get; }

    public int Port { get; }

    /// <summary>
    /// Starts the peer as <paramref name="aeTitle"/> on a free port, recording into <paramref name="directory"/>; with
    /// <paramref name="ianStatus"/> (hex, e.g. "0110") it answers N-CREATE with that status; with
    /// <paramref name="transferSyntaxes"/> it accepts only those, best first.
    /// </summary>
    public static async Task<DcmjsPeer> StartAsync(string aeTitle, string directory, string? ianStatus = null, params string[] transferSyntaxes)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Corpus.RepositoryRoot, "tests", "peers", "node_modules", "dcmjs-dimse")))
        {
            throw new InvalidOperationException("tests/peers/node_modules has no dcmjs-dimse: run `npm ci --prefix tests/peers` (./test.sh does)");
        }

        var port = ArchiveRest.FreePort();
        List<string> arguments = [Script, "--port", port.ToString(CultureInfo.InvariantCulture), "--aet", aeTitle, "--directory", directory];
        if (ianStatus is not null)
        {
            arguments.AddRange(["--ian-status", ianStatus]);
        }

        if (transferSyntaxes.Length > 0)
        {
            arguments.AddRange(["--transfer-syntaxes", string.Join(',', transferSyntaxes)]);
        }

        var process = RunningProcess.Start("node", arguments);
        try
        {
            await process.WaitForLineAsync(l => l.StartsWith("dimse-peer ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "dimse-peer listening");
            await ArchiveRest.WaitForPortAsync(port);
            return new DcmjsPeer(process, directory, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages received so far, in the order they came.</summary>
    public IReadOnlyList<JsonElement> Messages() =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "messages"), "*.json")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone())];

    public IReadOnlyList<JsonElement> Messages(string command) =>
        [.. Messages().Where(m => m.GetProperty("command").GetString() == command)];

    /// <summary>The data set of a C-STORE message, decoded from the bytes the peer received in the message's transfer syntax.</summary>
    public DicomDataset ReceivedDataset(JsonElement store) =>
        DicomDatasetSerializer.Decode(
            File.ReadAllBytes(Path.Combine(Directory, store.GetProperty("file").GetString()!)),
            DicomTransferSyntax.Lookup(store.GetProperty("transferSyntaxUid").GetString()!));

    /// <summary>What the peer printed, for a failing test's message.</summary>
    public string Output => string.Join('\n', _process.Lines.TakeLast(40));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
