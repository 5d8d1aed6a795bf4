using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cairn.Archive.Tests.Support;
using static Cairn.Archive.Tests.Support.ArchiveRest;

namespace Cairn.Archive.Tests;

public sealed partial class FaultTestsOnPostgreSql() : FaultTests(IndexBackend.PostgreSql)
{
    private const int Exports = 500;

    /// <summary>
    /// Two archive processes on one PostgreSQL index and one storage share the Export1 queue: each of 500 export tasks
    /// runs exactly once, on one node or the other (the claim is FOR UPDATE SKIP LOCKED across processes).
    /// </summary>
    [Fact]
    public async Task TwoArchiveProcessesOnOneDatabaseRunEachOf500ExportsExactlyOnce()
    {
        using var work = new TemporaryDirectory();
        var storePort = FreePort();
        Directory.CreateDirectory(work.File("received"));
        await using var storescp = RunningProcess.Start("storescp", ["-v", "-od", work.File("received"), "-aet", "STORESCP", storePort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        var options = await IndexBackend.PostgreSql.NewIndexAsync(work.File("data"));
        await using var first = await ArchiveProcess.StartAsync(options);
        await ConfigureAsync(first.Http, device =>
        {
            SetRemoteAE(device, "STORESCP", storePort);
            Exporter(device, "STORESCP")["dcmIanDestination"] = new JsonArray();
        });
        await using var second = await ArchiveProcess.StartAsync(options);
        await WaitForPortAsync(storePort);

        // 500 studies of one instance each, one association.
        var input = work.File("input");
        for (var i = 1; i <= Exports; i++)
        {
            StudyCopies.Write(Path.Combine(input, i.ToString(CultureInfo.InvariantCulture)), $"1.2.826.0.1.3680043.9.7777.4.{i}", 1);
        }

        await using (var storescu = await CairnTools.StartAsync("storescu", "-c", $"DCM4CHEE@localhost:{first.DicomPort}", input))
        {
            Assert.Equal(0, await storescu.WaitForExitAsync(Patience));
        }

        // Requests alternate between the nodes; both nodes' workers take from the one queue.
        for (var i = 1; i <= Exports; i++)
        {
            var http = i % 2 == 0 ? first.Http : second.Http;
            using var response = await http.PostAsync($"/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2.826.0.1.3680043.9.7777.4.{i}/export/STORESCP", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await CountAsync(first.Http, "COMPLETED") < Exports)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"{await CountAsync(first.Http, "COMPLETED")} of {Exports} exports completed");
            await Task.Delay(200);
        }

        Assert.Equal(Exports, await CountAsync(first.Http, null));
        var byFirst = Started(first.Process.Lines);
        var bySecond = Started(second.Process.Lines);
        Assert.Empty(byFirst.Intersect(bySecond));
        Assert.Equal(Exports, byFirst.Count + bySecond.Count);
        Assert.NotEmpty(byFirst);
        Assert.NotEmpty(bySecond);
        await Task.Delay(500);
        Assert.Equal(Exports, storescp.Count(l => l.Contains("Received Store Request", StringComparison.Ordinal)));
        Assert.Equal(Exports, Directory.GetFiles(work.File("received")).Length);
    }

    private static async Task<int> CountAsync(HttpClient http, string? status)
    {
        var json = JsonNode.Parse(await http.GetStringAsync($"/dcm4chee-arc/queue/Export1/count{(status is null ? "" : "?status=" + status)}"))!;
        return (int)json["count"]!;
    }

    // The EXPORT task ids a node's log says it started (each at most once per node).
    private static HashSet<long> Started(IReadOnlyList<string> lines)
    {
        var ids = new HashSet<long>();
        foreach (var line in lines)
        {
            if (StartedLine().Match(line) is { Success: true } match)
            {
                Assert.True(ids.Add(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)), $"started twice: {line}");
            }
        }

        return ids;
    }

    [GeneratedRegex(@"Task (\d+) \(EXPORT\) started")]
    private static partial Regex StartedLine();
}
