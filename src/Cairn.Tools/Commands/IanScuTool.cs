using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Logging;
using Cairn.Tools.Network;

namespace Cairn.Tools.Commands;

/// <summary>
/// ianscu: sends Instance Availability Notifications by N-CREATE. IAN files go as they are; other DICOM files are
/// gathered by study into one IAN per study that names them, with the given Retrieve AE Title and availability.
/// </summary>
public sealed class IanScuTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "ianscu",
        "[options] -c AET@host:port FILE|DIR...",
        "Sends Instance Availability Notifications (N-CREATE, SOP class 1.2.840.10008.5.1.4.33) to AET@host:port.\n"
        + "A file that is an IAN is sent as it is; composite files (images, reports, ...) are gathered by study, and\n"
        + "one IAN per study is built that references them. Exits with 1 when any notification failed.",
        [
            .. ScuTarget.Options("the IAN SCP", "IANSCU"),
            new OptionSpec(["--retrieve-aet"], "aet", "Retrieve AE Title in built IANs (repeatable; default: the calling AE title)"),
            new OptionSpec(["--availability"], "ONLINE|NEARLINE|OFFLINE", "Instance Availability in built IANs (default ONLINE)"),
            new OptionSpec(["--retrieve-location-uid"], "uid", "Retrieve Location UID in built IANs"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "ianscu";

    public bool RunsSocketCompletionsInline => true;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var target = ScuTarget.Parse(parsed, Name, "IANSCU");
        var (peer, calling) = (target.Peer, target.CallingAETitle);
        var availability = (parsed.Value("availability") ?? InstanceAvailabilityNotification.Online).ToUpperInvariant();
        if (availability is not (InstanceAvailabilityNotification.Online or InstanceAvailabilityNotification.Nearline or InstanceAvailabilityNotification.Offline))
        {
            throw new UsageException($"ianscu: --availability {availability}: expected ONLINE, NEARLINE or OFFLINE");
        }

        var retrieveAETitles = parsed.Values("retrieve-aet").Select(a => AeAddress.CheckTitle(a, "--retrieve-aet")).ToList();
        if (retrieveAETitles.Count == 0)
        {
            retrieveAETitles.Add(calling);
        }

        if (parsed.Operands.Count == 0)
        {
            throw new UsageException("ianscu: no FILE given; try ianscu --help");
        }

        var logger = ToolLogging.Create(parsed, output);
        var notifications = new List<(string Uid, DicomDataset Dataset, string Source)>();
        var studies = new Dictionary<string, List<AvailableInstance>>(StringComparer.Ordinal);
        foreach (var path in parsed.Operands.SelectMany(o => Directory.Exists(o) ? Directory.EnumerateFiles(o, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[o]))
        {
            DicomFile file;
            try
            {
                file = DicomFile.Open(path);
            }
            catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException)
            {
                ToolLog.Skipped(logger, path, e.Message);
                continue;
            }

            var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
            var sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
            if (sopClass == DicomUids.InstanceAvailabilityNotification)
            {
                notifications.Add((sopInstance ?? DicomUidGenerator.New(), file.Dataset, (string)path));
            }
            else if (file.Dataset.GetString(DicomTags.StudyInstanceUID) is { Length: > 0 } study && file.Dataset.GetString(DicomTags.SeriesInstanceUID) is { Length: > 0 } series && sopClass is not null && sopInstance is not null)
            {
                if (!studies.TryGetValue(study, out var list))
                {
                    studies[study] = list = [];
                }

                list.Add(new AvailableInstance(series, sopClass, sopInstance));
            }
            else
            {
                ToolLog.Skipped(logger, path, "neither an IAN nor a composite instance with study, series and SOP instance UIDs");
            }
        }

        foreach (var (study, instances) in studies)
        {
            notifications.Add((DicomUidGenerator.New(), InstanceAvailabilityNotification.Build(study, instances, retrieveAETitles, availability, parsed.Value("retrieve-location-uid")), $"study {study}"));
        }

        if (notifications.Count == 0)
        {
            errors.WriteLine("ianscu: nothing to send: no IAN and no composite instance among the files given");
            return 1;
        }

        var failed = 0;
        try
        {
            await using var association = await target.ConnectAsync(parsed, Name, [(DicomUids.InstanceAvailabilityNotification, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian])], logger, cancellationToken).ConfigureAwait(false);
            var name = association.Name;
            var context = association.FindContext(DicomUids.InstanceAvailabilityNotification)
                ?? throw new AssociationAbortedException($"{peer.AETitle} did not accept the Instance Availability Notification SOP class");
            foreach (var (uid, dataset, source) in notifications)
            {
                var request = DimseCommand.NCreateRequest(association.NextMessageId(), DicomUids.InstanceAvailabilityNotification, uid);
                await association.SendAsync(request, context, dataset, cancellationToken).ConfigureAwait(false);
                var response = (await association.ReceiveResponseAsync(request, cancellationToken).ConfigureAwait(false)).Command;
                if (!response.Status.IsDone)
                {
                    failed++;
                    ToolLog.StoreFailed(logger, name, response.ToString(), source, response.ErrorComment ?? "");
                }
            }

            await association.ReleaseAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AssociationRejectedException or AssociationAbortedException or IOException)
        {
            errors.WriteLine($"ianscu: {peer}: {e.Message}");
            return 1;
        }

        output.WriteLine($"Sent {notifications.Count - failed} of {notifications.Count} notifications; {failed} failed");
        return failed > 0 ? 1 : 0;
    }
}
