using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Logging;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Network;

/// <summary>Runs an SCP from a tool's options until Ctrl-C (or SIGTERM), then stops it gracefully.</summary>
public static class ScpRunner
{
    public static async Task<int> RunAsync(string tool, ParsedArguments args, AeAddress bind, AcceptancePolicy policy, DicomServiceHandler handler, ILogger logger, TextWriter errors, CancellationToken cancellationToken)
    {
        var accepted = args.Values("accept").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        var options = new DicomServerOptions
        {
            BindAddress = bind.Host == "localhost" ? "127.0.0.1" : bind.Host,
            Port = bind.Port,
            Policy = policy with
            {
                CalledAETitles = new HashSet<string>(StringComparer.Ordinal) { bind.AETitle },
                CallingAETitles = accepted,
                MaxPduLength = NetworkOptionSpecs.MaxPduLength(args),
            },
            Tls = NetworkOptionSpecs.Tls(args, tool, isServer: true),
            IdleTimeout = NetworkOptionSpecs.Milliseconds(args, "idle-timeout", 300000),
            AssociationRequestTimeout = NetworkOptionSpecs.Milliseconds(args, "accept-timeout", 30000),
        };

        await using var server = new DicomServer(options, handler, logger);
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or FormatException)
        {
            errors.WriteLine($"{tool}: cannot listen on {bind.Host}:{bind.Port}: {e.Message}");
            return 1;
        }

        ToolLog.ScpStarted(logger, tool, bind.AETitle, options.BindAddress, server.Port);
        var stopped = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        ToolLog.ScpStopping(logger, tool);
        await server.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return 0;
    }
}
