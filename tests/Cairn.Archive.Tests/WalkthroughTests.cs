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
/// The seed walkthrough as a user runs it: the archive as a real process, an export rule added over REST, our storescu
/// sending a study, our (or DCMTK's) storescp receiving the export and our ianscp the IAN; then IAN without export.
/// </summary>
public abstract class WalkthroughTests
{
    private const string StudyUid = "1.2.826.0.1.3680043.9.7777.2";
    private const int Instances = 5;

    private readonly IndexBackend _backend;

    protected WalkthroughTests(IndexBackend backend)
    {
        _backend = backend;
    }

    [Theory]
    [InlineData("cairn")]
    [InlineData("dcmtk")]
    public async Task AStudySentByStorescuIsExportedByTheRuleAndOneIanNamesEveryInstance(string destination)
    {
        using var work = new TemporaryDirectory();
        var (received, ians) = (work.File("received"), work.File("ians"));
        Directory.CreateDirectory(received);
        Directory.CreateDirectory(ians);
        var (storePort, ianPort) = (FreePort(), FreePort());
        await using var storescp = destination == "cairn"
            ? await CairnTools.StartAsync("storescp", "-b", $"STORESCP@127.0.0.1:{storePort}", "--directory", received)
            : RunningProcess.Start("storescp", ["-od", received, "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians);
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storePort);
            SetRemoteAE(device, "IANSCP", ianPort);
            AddExportRule(device, new JsonObject
            {
                ["cn"] = "Walkthrough",
                ["dcmEntity"] = "Study",
                ["dcmExporterID"] = new JsonArray("STORESCP"),
                ["dcmProperty"] = new JsonArray("SendingApplicationEntityTitle=STORESCU"),
                ["dcmDuration"] = "PT2S",
            });
        });
        await WaitForPortAsync(storePort);
        await WaitForPortAsync(ianPort);

        StudyCopies.Write(work.File("study"), StudyUid, Instances);
        await using (var storescu = await CairnTools.StartAsync("storescu", "-c", $"DCM4CHEE@localhost:{archive.DicomPort}", work.File("study")))
        {
            Assert.Equal(0, await storescu.WaitForExitAsync(Patience));
        }

        var export = await WaitForTaskAsync(archive.Http, "Export1", t => Status(t) == "COMPLETED", "COMPLETED");
        Assert.Equal(StudyUid, Text(export, "StudyInstanceUID"));
        Assert.Equal($"{Instances} of {Instances} instances sent", Text(export, "outcomeMessage"));
        var ian = await WaitForTaskAsync(archive.Http, "IANSCU", t => Status(t) == "COMPLETED", "COMPLETED");
        Assert.Equal("IANSCP", Text(ian, "RemoteAET"));
        Assert.Single(await TasksAsync(archive.Http, "Export1"));
        Assert.Single(await TasksAsync(archive.Http, "IANSCU"));

        // Every instance arrived with the data set that was sent.
        var sent = StudyCopies.ReadAll(work.File("study"));
        var arrived = StudyCopies.ReadAll(received);
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), arrived.Keys.Order(StringComparer.Ordinal));
        foreach (var (uid, dataset) in sent)
        {
            // DCMTK's storescp drops the corpus file's trailing padding, ours keeps it: it is no part of the data.
            dataset.Remove(DicomTags.DataSetTrailingPadding);
            arrived[uid].Remove(DicomTags.DataSetTrailingPadding);
            Assert.Null(DatasetComparer.Difference(dataset, arrived[uid]));
        }

        // Exactly one IAN, named after the IAN task's SOP Instance UID, referencing every instance ONLINE at DCM4CHEE.
        var ianFile = Assert.Single(Directory.GetFiles(ians), f => !Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(Text(ian, "SOPInstanceUID"), Path.GetFileName(ianFile));
        var notification = DicomFile.Open(ianFile).Dataset;
        Assert.Equal(StudyUid, notification.GetString(DicomTags.StudyInstanceUID));
        var series = Assert.Single(notification.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items);
        Assert.Equal($"{StudyUid}.1", series.GetString(DicomTags.SeriesInstanceUID));
        var sops = series.GetSequence(DicomTags.ReferencedSOPSequence)!.Items;
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), sops.Select(s => s.GetString(DicomTags.ReferencedSOPInstanceUID)!).Order(StringComparer.Ordinal));
        Assert.All(sops, s => Assert.Equal(DicomUids.CTImageStorage, s.GetString(DicomTags.ReferencedSOPClassUID)));
        Assert.All(sops, s => Assert.Equal("DCM4CHEE", s.GetString(DicomTags.RetrieveAETitle)));
        Assert.All(sops, s => Assert.Equal("ONLINE", s.GetString(DicomTags.InstanceAvailability)));
    }

    [Fact]
    public async Task IanWithoutExportOverRestSendsOneNearlineIanAndExportsNothing()
    {
        using var work = new TemporaryDirectory();
        var ians = work.File("ians");
        Directory.CreateDirectory(ians);
        var ianPort = FreePort();
        await using var ianscp = await CairnTools.StartAsync("ianscp", "-b", $"IANSCP@127.0.0.1:{ianPort}", "--directory", ians);
        await using var archive = await ArchiveProcess.StartAsync(await _backend.NewIndexAsync(work.File("data")));
        await ConfigureAsync(archive.Http, device =>
        {
            SetRemoteAE(device, "IANSCP", ianPort);
            Exporter(device, "STORESCP")["dcmInstanceAvailability"] = "NEARLINE";
        });
        await WaitForPortAsync(ianPort);
        StudyCopies.Write(work.File("study"), StudyUid, 3);
        await using (var storescu = await CairnTools.StartAsync("storescu", "-c", $"DCM4CHEE@localhost:{archive.DicomPort}", work.File("study")))
        {
            Assert.Equal(0, await storescu.WaitForExitAsync(Patience));
        }

        using var response = await archive.Http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/{StudyUid}/export/STORESCP?only-ian=true", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var taskId = TaskId(Assert.Single(body.RootElement.EnumerateArray().ToList()));
        var ian = await WaitForStatusAsync(archive.Http, "IANSCU", taskId, "COMPLETED");

        Assert.Empty(await TasksAsync(archive.Http, "Export1"));
        var ianFile = Assert.Single(Directory.GetFiles(ians), f => !Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(Text(ian, "SOPInstanceUID"), Path.GetFileName(ianFile));
        var sops = DicomFile.Open(ianFile).Dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items
            .SelectMany(s => s.GetSequence(DicomTags.ReferencedSOPSequence)!.Items).ToList();
        Assert.Equal(3, sops.Count);
        Assert.All(sops, s => Assert.Equal("NEARLINE", s.GetString(DicomTags.InstanceAvailability)));
        Assert.All(sops, s => Assert.Equal("DCM4CHEE", s.GetString(DicomTags.RetrieveAETitle)));
    }
}
