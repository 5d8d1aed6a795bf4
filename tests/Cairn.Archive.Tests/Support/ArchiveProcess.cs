using System.Globalization;
using Cairn.Archive.Index;
using Cairn.Server;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// The archive as a real process (<c>dotnet cairn-archive.dll</c>, built beside the tests), for what only a process
/// shows: kill -9, SIGTERM, its exit code. Options as <see cref="ArchiveOptions"/>; DICOM and HTTP on free loopback
/// ports. With <c>storageTmpfs</c> (mount options such as
/// <c>size=2m,nr_inodes=64</c>), it runs in a mount namespace of its own where its storage folder is a tmpfs so set up
/// (as root; the mount goes away with the process): a disk that really fills up. With <c>tmpfsHoldsTheIndex</c> the whole
/// data folder is on it, the SQLite index too.
/// </summary>
public sealed class ArchiveProcess : IAsyncDisposable
{
    private ArchiveProcess(RunningProcess process, int dicomPort, int httpPort)
    {
        Process = process;
        DicomPort = dicomPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public RunningProcess Process { get; }

    public int DicomPort { get; }

    /// <summary>REST on the archive's HTTP port (a free one picked for it: the log does not name a port 0 became).</summary>
    public HttpClient Http { get; }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cairn-archive.dll");

    public static async Task<ArchiveProcess> StartAsync(ArchiveOptions options, string? storageTmpfs = null, bool tmpfsHoldsTheIndex = false)
    {
        var httpPort = ArchiveRest.FreePort();
        List<string> archive = [Dll, "--data", options.DataDirectory, "--bind", "127.0.0.1", "--dicom-port", "0", "--http-port", httpPort.ToString(CultureInfo.InvariantCulture)];
        if (options.ConfigurationFile is not null)
        {
            archive.AddRange(["--config", options.ConfigurationFile]);
        }

        if (options.Database == DatabaseProvider.PostgreSql)
        {
            archive.AddRange(["--db", "postgresql", "--db-url", options.DatabaseUrl!]);
        }

        RunningProcess process;
        if (storageTmpfs is null)
        {
            process = RunningProcess.Start("dotnet", archive);
        }
        else
        {
            var mountPoint = tmpfsHoldsTheIndex ? options.DataDirectory : Path.Combine(options.DataDirectory, "storage");
            Directory.CreateDirectory(mountPoint);
            // unshare and sh exec: the process id stays the archive's, so /proc/ID/root sees its mount.
            process = RunningProcess.Start("unshare", ["--mount", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o \"$1\" cairn-test \"$2\" && shift 2 && exec dotnet \"$@\"", "sh", storageTmpfs, mountPoint, .. archive]);
        }

        try
        {
            var listening = await process.WaitForLineAsync(l => l.Contains("Listening on 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the DICOM listener");
            var port = int.Parse(listening[(listening.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
            var started = new ArchiveProcess(process, port, httpPort);
            await started.WaitForRestAsync();
            return started;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    // Kestrel may start a moment after the DICOM listener.
    private async Task WaitForRestAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/dcm4chee-arc/devices");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline || Process.HasExited)
            {
                throw new InvalidOperationException($"the archive's REST did not answer:\n{string.Join('\n', Process.Lines.TakeLast(40))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A path inside the archive's own view of the file system (its mount namespace).</summary>
    public string SeenByArchive(string path) => $"/proc/{Process.Id}/root{Path.GetFullPath(path)}";

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return Process.DisposeAsync();
    }
}
