using Cairn.Dicom;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Network;

namespace Cairn.Tools.Commands;

/// <summary>storescp: a storage SCP that writes what it receives as Part 10 files.</summary>
public sealed class StoreScpTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "storescp",
        "[options] -b [AET[@ip]:]port",
        "Listens for associations to AET (default STORESCP) and stores each object received by C-STORE as a Part 10\n"
        + "file named after its SOP Instance UID in --directory, written under a temporary name and renamed when\n"
        + "complete. Answers C-ECHO. Runs until Ctrl-C or SIGTERM.",
        [
            new OptionSpec(["-b", "--bind"], "[aet[@ip]:]port", "this SCP's AE title, address and port, e.g. STORESCP:11115"),
            new OptionSpec(["--directory"], "path", "where to store received objects (default .)"),
            new OptionSpec(["--status"], "hex", "status of every C-STORE-RSP, e.g. A700 (default 0000)"),
            new OptionSpec(["--ignore"], null, "do not store received objects; only answer"),
            new OptionSpec(["--accept"], "aet[,aet...]", "accept associations only from these calling AE titles (repeatable)"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "storescp";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var bind = AeAddress.ParseBind(parsed.Value("bind") ?? throw new UsageException("storescp: -b [AET[@ip]:]port is required; try storescp --help"), "-b", "STORESCP");
        var directory = parsed.Value("directory") ?? ".";
        var status = ParseStatus(parsed.Value("status"), Name);
        if (!parsed.Has("ignore"))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"storescp: --directory {directory}: {e.Message}");
                return 1;
            }
        }

        var logger = ToolLogging.Create(parsed, output);
        var syntaxes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [DicomUids.Verification] = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian],
        };
        foreach (var sop in DicomStorageSopClasses.All)
        {
            syntaxes[sop.Uid] = AcceptancePolicy.StorageTransferSyntaxes;
        }

        var handler = new StoreScpHandler(directory, status, parsed.Has("ignore"), logger);
        return await ScpRunner.RunAsync(Name, parsed, bind, new AcceptancePolicy { AbstractSyntaxes = syntaxes }, handler, logger, errors, cancellationToken).ConfigureAwait(false);
    }

    internal static DimseStatus ParseStatus(string? text, string tool)
    {
        try
        {
            return text is null ? DimseStatus.Success : DimseStatus.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{tool}: --status {text}: {e.Message}");
        }
    }
}
