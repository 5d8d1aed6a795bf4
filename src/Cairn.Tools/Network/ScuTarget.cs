using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Network;

/// <summary>What every SCU tool starts with: the peer (-c) and its own AE title (-b), and an association to the peer.</summary>
public sealed record ScuTarget(AeAddress Peer, string CallingAETitle)
{
    public static IReadOnlyList<OptionSpec> Options(string peer, string defaultCalling) =>
    [
        new OptionSpec(["-c", "--connect"], "aet@host:port", peer),
        new OptionSpec(["-b", "--bind"], "aet", $"this side's (calling) AE title (default {defaultCalling})"),
    ];

    public static ScuTarget Parse(ParsedArguments parsed, string tool, string defaultCalling) =>
        new(
            AeAddress.ParseConnect(parsed.Value("connect") ?? throw new UsageException($"{tool}: -c AET@host:port is required; try {tool} --help"), "-c"),
            AeAddress.CheckTitle(parsed.Value("bind") ?? defaultCalling, "-b"));

    /// <summary>Opens an association proposing <paramref name="contexts"/>, with the common network options of the command line.</summary>
    public Task<DicomAssociation> ConnectAsync(ParsedArguments parsed, string tool, IReadOnlyList<(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes)> contexts, ILogger logger, CancellationToken cancellationToken) =>
        new DicomClient(logger).ConnectAsync(Peer.Host, Peer.Port, new AssociationOptions
        {
            CallingAETitle = CallingAETitle,
            CalledAETitle = Peer.AETitle,
            MaxPduLength = NetworkOptionSpecs.MaxPduLength(parsed),
            ConnectTimeout = NetworkOptionSpecs.Milliseconds(parsed, "connect-timeout", 30000),
            AssociationTimeout = NetworkOptionSpecs.Milliseconds(parsed, "accept-timeout", 30000),
            PresentationContexts = contexts,
        }, NetworkOptionSpecs.Tls(parsed, tool, isServer: false), cancellationToken);
}
