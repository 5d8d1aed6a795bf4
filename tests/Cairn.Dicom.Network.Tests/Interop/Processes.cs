using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Cairn.Dicom.Network.Tests.Interop;

/// <summary>Runs the repository's tools (bin/) and DCMTK's as real processes on 127.0.0.1.</summary>
public static class Processes
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Corpus { get; } = Environment.GetEnvironmentVariable("CAIRN_CORPUS") is { Length: > 0 } c
        ? c
        : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "pydicom"));

    public static string Tool(string name) => Path.Combine(RepositoryRoot, "bin", name);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to its end (bounded by <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        using var process = Start(file, args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Starts a server process and waits until it accepts TCP connections on <paramref name="port"/>.</summary>
    public static async Task<ServerProcess> StartServerAsync(string file, IEnumerable<string> args, int port, IDictionary<string, string>? environment = null)
    {
        var process = Start(file, args, environment);
        var server = new ServerProcess(process);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {server.Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException($"{file} did not listen on {port}");
    }

    private static Process Start(string file, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // DCMTK leaves Nagle's algorithm on unless told; loopback stores would stall on delayed ACKs.
        info.Environment["TCP_NODELAY"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }

    private static string FindRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cairn.slnx not found");
    }
}
