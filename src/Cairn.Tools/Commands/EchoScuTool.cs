using System.Diagnostics;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Network;

namespace Cairn.Tools.Commands;

/// <summary>echoscu: verifies a DICOM peer with C-ECHO.</summary>
public sealed class EchoScuTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "echoscu",
        "[options] -c AET@host:port",
        "Opens an association to AET@host:port, sends a C-ECHO and releases. Exits with 0 when the peer answered success.",
        [
            new OptionSpec(["-c", "--connect"], "aet@host:port", "the peer to verify"),
            new OptionSpec(["-b", "--bind"], "aet", "this side's (calling) AE title (default ECHOSCU)"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "echoscu";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var peer = AeAddress.ParseConnect(parsed.Value("connect") ?? throw new UsageException("echoscu: -c AET@host:port is required; try echoscu --help"), "-c");
        var calling = AeAddress.CheckTitle(parsed.Value("bind") ?? "ECHOSCU", "-b");
        var logger = ToolLogging.Create(parsed, output);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var association = await new DicomClient(logger).ConnectAsync(peer.Host, peer.Port, new AssociationOptions
            {
                CallingAETitle = calling,
                CalledAETitle = peer.AETitle,
                MaxPduLength = NetworkOptionSpecs.MaxPduLength(parsed),
                ConnectTimeout = NetworkOptionSpecs.Milliseconds(parsed, "connect-timeout", 30000),
                AssociationTimeout = NetworkOptionSpecs.Milliseconds(parsed, "accept-timeout", 30000),
                PresentationContexts = [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            }, NetworkOptionSpecs.Tls(parsed, Name, isServer: false), cancellationToken).ConfigureAwait(false);
            var context = association.FindContext(DicomUids.Verification)
                ?? throw new AssociationAbortedException($"{peer.AETitle} did not accept the Verification SOP class");
            var echo = DimseCommand.CEchoRequest(association.NextMessageId());
            await association.SendAsync(echo, context, (DicomDataset?)null, cancellationToken).ConfigureAwait(false);
            var response = await association.ReceiveResponseAsync(echo, cancellationToken).ConfigureAwait(false);
            await association.ReleaseAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"C-ECHO {calling} -> {peer}: status {response.Command.Status} in {stopwatch.ElapsedMilliseconds} ms");
            return response.Command.Status.IsSuccess ? 0 : 1;
        }
        catch (Exception e) when (e is AssociationRejectedException or AssociationAbortedException or IOException)
        {
            errors.WriteLine($"echoscu: {peer}: {e.Message}");
            return 1;
        }
    }
}
