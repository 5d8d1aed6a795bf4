using System.Diagnostics;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
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
            .. ScuTarget.Options("the peer to verify", "ECHOSCU"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "echoscu";

    public bool RunsSocketCompletionsInline => true;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var target = ScuTarget.Parse(parsed, Name, "ECHOSCU");
        var (peer, calling) = (target.Peer, target.CallingAETitle);
        var logger = ToolLogging.Create(parsed, output);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var association = await target.ConnectAsync(parsed, Name, [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])], logger, cancellationToken).ConfigureAwait(false);
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
