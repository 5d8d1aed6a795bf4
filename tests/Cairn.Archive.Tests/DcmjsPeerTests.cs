using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Archive.Tests.Support;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests;

/// <summary>
/// The walkthrough against a DICOM implementation that is not Cairn's: DCMTK's storescu sends a study to the archive
/// (a real process), which exports it to a dcmjs-dimse storage SCP and notifies a dcmjs-dimse IAN SCP
/// (<see cref="DcmjsPeer"/>). What the peers record is what they received and parsed, so a fault in our C-STORE or
/// N-CREATE (command fields, negotiation, data set encoding) or in how we read their responses shows here.
/// </summary>
public abstract class DcmjsPeerTests
{
    private const string StudyUid = "1.2.826.0.1.3680043.9.7777.5";
    private const string Explicit = DicomUids.ExplicitVRLittleEndian;
    private const string Implicit = DicomUids.ImplicitVRLittleEndian;

    private readonly IndexBackend _backend;

    protected DcmjsPeerTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Theory]
    [InlineData(Explicit)]
    [InlineData(Implicit)]
    public async Task TheExportRuleSendsEveryInstanceToTheDcmjsPeerAndOneIanNamesThemAll(string peerSyntax)
    {
        const int instances = 4;
        using var work = new TemporaryDirectory();
        await using var storescp = await DcmjsPeer.StartAsync("STORESCP", work.File("storescp"), transferSyntaxes: peerSyntax);
        await using var ianscp = await DcmjsPeer.StartAsync("IANSCP", work.File("ianscp"), transferSyntaxes: peerSyntax);
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storescp.Port);
            SetRemoteAE(device, "IANSCP", ianscp.Port);
            AddExportRule(device, new JsonObject
            {
                ["cn"] = "To dcmjs",
                ["dcmEntity"] = "Study",
                ["dcmExporterID"] = new JsonArray("STORESCP"),
                ["dcmProperty"] = new JsonArray("SendingApplicationEntityTitle=STORESCU"),
                ["dcmDuration"] = "PT2S",
            });
        });
        await StoreStudyAsync(archive, work.File("study"), instances);

        var export = await WaitForTaskAsync(archive.Http, "Export1", t => Status(t) == "COMPLETED", "COMPLETED");
        Assert.Equal($"{instances} of {instances} instances sent", Text(export, "outcomeMessage"));
        var ian = await WaitForTaskAsync(archive.Http, "IANSCU", t => Status(t) == "COMPLETED", "COMPLETED");
        Assert.Equal("IANSCP", Text(ian, "RemoteAET"));

        // Every instance arrived once, in the syntax the peer chose, with the data set that was sent.
        var sent = StudyCopies.ReadAll(work.File("study"));
        var stores = storescp.Messages();
        Assert.All(stores, m => Assert.Equal("C-STORE", m.GetProperty("command").GetString()));
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), stores.Select(m => m.GetProperty("affectedSopInstanceUid").GetString()!).Order(StringComparer.Ordinal));
        foreach (var store in stores)
        {
            var uid = store.GetProperty("affectedSopInstanceUid").GetString()!;
            Assert.Equal(DicomUids.CTImageStorage, store.GetProperty("affectedSopClassUid").GetString());
            Assert.Equal(peerSyntax, store.GetProperty("transferSyntaxUid").GetString());
            Assert.Equal(("DCM4CHEE", "STORESCP"), (store.GetProperty("callingAeTitle").GetString(), store.GetProperty("calledAeTitle").GetString()));
            Assert.Equal(0, store.GetProperty("status").GetInt32());
            // What dcmjs parsed from the data set agrees with the command.
            var parsed = store.GetProperty("parsed");
            Assert.Equal(uid, parsed.GetProperty("SOPInstanceUID").GetString());
            Assert.Equal(DicomUids.CTImageStorage, parsed.GetProperty("SOPClassUID").GetString());
            Assert.Equal(StudyUid, parsed.GetProperty("StudyInstanceUID").GetString());
            Assert.Null(DatasetComparer.Difference(In(sent[uid], peerSyntax), storescp.ReceivedDataset(store)));
        }

        // Exactly one IAN, under the IAN task's SOP Instance UID, naming every instance ONLINE at DCM4CHEE.
        var notification = Assert.Single(ianscp.Messages());
        Assert.Equal(peerSyntax, notification.GetProperty("transferSyntaxUid").GetString());
        AssertIan(notification, Text(ian, "SOPInstanceUID")!, sent.Keys, "ONLINE");
    }

    [Fact]
    public async Task IanWithoutExportOverRestReachesTheDcmjsPeerAsNearline()
    {
        using var work = new TemporaryDirectory();
        await using var storescp = await DcmjsPeer.StartAsync("STORESCP", work.File("storescp"));
        await using var ianscp = await DcmjsPeer.StartAsync("IANSCP", work.File("ianscp"));
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storescp.Port);
            SetRemoteAE(device, "IANSCP", ianscp.Port);
            Exporter(device, "STORESCP")["dcmInstanceAvailability"] = "NEARLINE";
        });
        await StoreStudyAsync(archive, work.File("study"), 3);

        var taskId = await RequestIanOnlyAsync(archive);
        var ian = await WaitForStatusAsync(archive.Http, "IANSCU", taskId, "COMPLETED");

        Assert.Empty(await TasksAsync(archive.Http, "Export1"));
        Assert.Empty(storescp.Messages());
        AssertIan(Assert.Single(ianscp.Messages()), Text(ian, "SOPInstanceUID")!, StudyCopies.ReadAll(work.File("study")).Keys, "NEARLINE");
    }

    [Theory]
    [InlineData("0110", "0110H")] // Processing Failure
    [InlineData("0107", "0107H")] // Attribute List Error, a warning
    public async Task AnIanTheDcmjsPeerDoesNotAnswerWithSuccessMakesTheTaskWarningWithNoRetry(string status, string shown)
    {
        using var work = new TemporaryDirectory();
        await using var ianscp = await DcmjsPeer.StartAsync("IANSCP", work.File("ianscp"), ianStatus: status);
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device => SetRemoteAE(device, "IANSCP", ianscp.Port));
        await StoreStudyAsync(archive, work.File("study"), 2);

        var taskId = await RequestIanOnlyAsync(archive);
        var ian = await WaitForStatusAsync(archive.Http, "IANSCU", taskId, "WARNING");

        Assert.Contains(shown, Text(ian, "outcomeMessage"), StringComparison.Ordinal);
        Assert.Contains("the test told the peer to fail", Text(ian, "outcomeMessage"), StringComparison.Ordinal);
        Assert.False(ian.TryGetProperty("failures", out _), ian.GetRawText());
        var notification = Assert.Single(ianscp.Messages());
        Assert.Equal(int.Parse(status, NumberStyles.HexNumber, CultureInfo.InvariantCulture), notification.GetProperty("status").GetInt32());
        AssertIan(notification, Text(ian, "SOPInstanceUID")!, StudyCopies.ReadAll(work.File("study")).Keys, "ONLINE");
    }

    /// <summary>
    /// <paramref name="dataset"/> as it reads when encoded in <paramref name="syntax"/>: Implicit VR has no VRs to carry,
    /// so private elements read back as UN. Without the trailing padding, which DCMTK's storescu does not send.
    /// </summary>
    private static DicomDataset In(DicomDataset dataset, string syntax)
    {
        dataset.Remove(DicomTags.DataSetTrailingPadding);
        var transferSyntax = DicomTransferSyntax.Lookup(syntax);
        return DicomDatasetSerializer.Decode(DicomDatasetSerializer.Encode(dataset, transferSyntax), transferSyntax);
    }

    [Fact]
    public async Task AnIanPeerThatAcceptsNoneOfTheOfferedSyntaxesFailsTheTaskWhichIsRetriedAndCompletesOnceThePeerIsFixed()
    {
        using var work = new TemporaryDirectory();
        // Explicit VR Big Endian only: neither syntax the archive offers for the IAN.
        await using var refusing = await DcmjsPeer.StartAsync("IANSCP", work.File("refusing"), transferSyntaxes: DicomUids.ExplicitVRBigEndian);
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "IANSCP", refusing.Port);
            Queue(device, "IANSCU")["dcmRetryDelay"] = "PT1S";
            Queue(device, "IANSCU")["dcmRetryDelayMultiplier"] = 100;
        });
        await StoreStudyAsync(archive, work.File("study"), 2);

        // As dcm4chee-arc: no presentation context to send the N-CREATE on is an error, FAILED and retried, not WARNING.
        var taskId = await RequestIanOnlyAsync(archive);
        var retry = await WaitForStatusAsync(archive.Http, "IANSCU", taskId, "SCHEDULED FOR RETRY");
        Assert.Contains("does not accept Instance Availability Notification", Text(retry, "errorMessage"), StringComparison.Ordinal);
        Assert.Empty(refusing.Messages());

        await using var accepting = await DcmjsPeer.StartAsync("IANSCP", work.File("accepting"));
        await ConfigureAsync(archive.Http, device => SetRemoteAE(device, "IANSCP", accepting.Port));
        var ian = await WaitForStatusAsync(archive.Http, "IANSCU", taskId, "COMPLETED");
        AssertIan(Assert.Single(accepting.Messages()), Text(ian, "SOPInstanceUID")!, StudyCopies.ReadAll(work.File("study")).Keys, "ONLINE");
        Assert.Empty(refusing.Messages());
    }

    /// <summary>DCMTK's storescu (calling AE STORESCU) sends a study of <paramref name="instances"/> CT copies.</summary>
    private static async Task StoreStudyAsync(ArchiveProcess archive, string folder, int instances)
    {
        StudyCopies.Write(folder, StudyUid, instances);
        var store = await Peers.DcmtkAsync("storescu", "-aec", "DCM4CHEE", "-aet", "STORESCU", "+sd", "127.0.0.1", archive.DicomPort.ToString(CultureInfo.InvariantCulture), folder);
        Assert.True(store.ExitCode == 0, store.ToString());
    }

    /// <summary>POST .../export/STORESCP?only-ian=true: the IAN task's ID.</summary>
    private static async Task<long> RequestIanOnlyAsync(ArchiveProcess archive)
    {
        using var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{StudyUid}/export/STORESCP?only-ian=true", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return TaskId(Assert.Single(body.RootElement.EnumerateArray().ToList()));
    }

    /// <summary>
    /// An N-CREATE of the IAN SOP class under <paramref name="sopInstanceUid"/>, from DCM4CHEE to IANSCP, whose data set
    /// (as dcmjs parsed it) is the study's IAN: an empty Referenced Performed Procedure Step Sequence, and one series
    /// that references exactly <paramref name="instances"/>, each a CT at DCM4CHEE with <paramref name="availability"/>.
    /// </summary>
    private static void AssertIan(JsonElement message, string sopInstanceUid, IEnumerable<string> instances, string availability)
    {
        Assert.Equal("N-CREATE", message.GetProperty("command").GetString());
        Assert.Equal(DicomUids.InstanceAvailabilityNotification, message.GetProperty("affectedSopClassUid").GetString());
        Assert.Equal(sopInstanceUid, message.GetProperty("affectedSopInstanceUid").GetString());
        Assert.Equal(("DCM4CHEE", "IANSCP"), (message.GetProperty("callingAeTitle").GetString(), message.GetProperty("calledAeTitle").GetString()));

        // Nothing else at any level: Retrieve AE Title belongs in the SOP items, not the series (dcm4chee-arc #364).
        var ian = message.GetProperty("dataset");
        Assert.Equal(["ReferencedPerformedProcedureStepSequence", "ReferencedSeriesSequence", "StudyInstanceUID"], Attributes(ian));
        Assert.Equal(StudyUid, ian.GetProperty("StudyInstanceUID").GetString());
        Assert.Equal(0, ian.GetProperty("ReferencedPerformedProcedureStepSequence").GetArrayLength());
        var series = Assert.Single(ian.GetProperty("ReferencedSeriesSequence").EnumerateArray().ToList());
        Assert.Equal(["ReferencedSOPSequence", "SeriesInstanceUID"], Attributes(series));
        Assert.Equal($"{StudyUid}.1", series.GetProperty("SeriesInstanceUID").GetString());
        var sops = series.GetProperty("ReferencedSOPSequence").EnumerateArray().ToList();
        Assert.Equal(instances.Order(StringComparer.Ordinal), sops.Select(s => s.GetProperty("ReferencedSOPInstanceUID").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(sops, s =>
        {
            Assert.Equal(["InstanceAvailability", "ReferencedSOPClassUID", "ReferencedSOPInstanceUID", "RetrieveAETitle"], Attributes(s));
            Assert.Equal(DicomUids.CTImageStorage, s.GetProperty("ReferencedSOPClassUID").GetString());
            Assert.Equal("DCM4CHEE", s.GetProperty("RetrieveAETitle").GetString());
            Assert.Equal(availability, s.GetProperty("InstanceAvailability").GetString());
        });
    }

    /// <summary>The attributes of a data set that dcmjs naturalized (keywords; its own _vrMap left out), sorted.</summary>
    private static List<string> Attributes(JsonElement dataset) =>
        [.. dataset.EnumerateObject().Select(p => p.Name).Where(n => n != "_vrMap").Order(StringComparer.Ordinal)];
}
