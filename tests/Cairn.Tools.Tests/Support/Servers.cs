using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Tools.Tests.Support;

/// <summary>Long-running SCPs (ours or DCMTK's) started for a test on a free loopback port.</summary>
public static class Servers
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a server and waits (up to a minute) until it accepts TCP connections on <paramref name="port"/>.</summary>
    public static async Task<ServerProcess> StartAsync(string program, IEnumerable<string> arguments, int port)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Corpus.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // DCMTK leaves Nagle's algorithm on unless told; loopback stores would stall on delayed ACKs.
        start.Environment["TCP_NODELAY"] = "1";
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{program} exited: {server.Output}");
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
        throw new TimeoutException($"{program} did not listen on port {port} within a minute");
    }
}
