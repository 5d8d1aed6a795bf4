using Cairn.Dicom;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Network;

namespace Cairn.Tools.Commands;

/// <summary>ianscp: an Instance Availability Notification SCP that stores what it receives.</summary>
public sealed class IanScpTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "ianscp",
        "[options] -b [AET[@ip]:]port",
        "Listens for associations to AET (default IANSCP) and stores each Instance Availability Notification\n"
        + "(N-CREATE, SOP class 1.2.840.10008.5.1.4.33) as a Part 10 file named after its Affected SOP Instance UID\n"
        + "in --directory. An IAN whose UID is already stored is answered 0111H, a write error 0110H. Answers C-ECHO.\n"
        + "Runs until Ctrl-C or SIGTERM.",
        [
            new OptionSpec(["-b", "--bind"], "[aet[@ip]:]port", "this SCP's AE title, address and port, e.g. IANSCP:11117"),
            new OptionSpec(["--directory"], "path", "where to store received notifications (default .)"),
            new OptionSpec(["--status"], "hex", "status of every N-CREATE-RSP, e.g. 0110 (default 0000)"),
            new OptionSpec(["--ignore"], null, "do not store received notifications; only answer"),
            new OptionSpec(["--accept"], "aet[,aet...]", "accept associations only from these calling AE titles (repeatable)"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "ianscp";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var bind = AeAddress.ParseBind(parsed.Value("bind") ?? throw new UsageException("ianscp: -b [AET[@ip]:]port is required; try ianscp --help"), "-b", "IANSCP");
        var directory = parsed.Value("directory") ?? ".";
        var status = StoreScpTool.ParseStatus(parsed.Value("status"), Name);
        if (!parsed.Has("ignore"))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"ianscp: --directory {directory}: {e.Message}");
                return 1;
            }
        }

        var logger = ToolLogging.Create(parsed, output);
        var policy = new AcceptancePolicy
        {
            AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                [DicomUids.Verification] = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian],
                [DicomUids.InstanceAvailabilityNotification] = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRBigEndian],
            },
        };
        return await ScpRunner.RunAsync(Name, parsed, bind, policy, new IanScpHandler(directory, status, parsed.Has("ignore"), logger), logger, errors, cancellationToken).ConfigureAwait(false);
    }
}
