using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// What a user does over REST in the walkthrough: edit the device configuration, read the task queues and wait for a
/// task's status; plus the loopback ports the peers listen on.
/// </summary>
public static class ArchiveRest
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>GET the device, let <paramref name="edit"/> change its JSON, PUT it back; fails with the archive's reason.</summary>
    public static async Task ConfigureAsync(HttpClient http, Action<JsonObject> edit)
    {
        var device = JsonNode.Parse(await http.GetStringAsync("/dcm4chee-arc/devices/dcm4chee-arc"))!.AsObject();
        edit(device);
        using var response = await http.PutAsync("/dcm4chee-arc/devices/dcm4chee-arc", new StringContent(device.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"PUT device: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Points the remote AE <paramref name="aet"/> at 127.0.0.1:<paramref name="port"/>.</summary>
    public static void SetRemoteAE(JsonObject device, string aet, int port)
    {
        var ae = device["dcmRemoteAE"]!.AsArray().Single(a => (string?)a!["dicomAETitle"] == aet)!.AsObject();
        ae["dicomHostname"] = "127.0.0.1";
        ae["dicomPort"] = port;
    }

    public static JsonObject Archive(JsonObject device) => device["dcmArchiveDevice"]!.AsObject();

    public static JsonObject Queue(JsonObject device, string name) =>
        Archive(device)["dcmQueue"]!.AsArray().Single(q => (string?)q!["dcmQueueName"] == name)!.AsObject();

    public static JsonObject Exporter(JsonObject device, string id) =>
        Archive(device)["dcmExporter"]!.AsArray().Single(e => (string?)e!["dcmExporterID"] == id)!.AsObject();

    public static void AddExportRule(JsonObject device, JsonObject rule)
    {
        var archive = Archive(device);
        if (archive["dcmExportRule"] is not JsonArray rules)
        {
            rules = [];
            archive["dcmExportRule"] = rules;
        }

        rules.Add(rule);
    }

    /// <summary>GET /dcm4chee-arc/queue/{queue}?{query}: the tasks as JSON.</summary>
    public static async Task<List<JsonElement>> TasksAsync(HttpClient http, string queue, string query = "")
    {
        var text = await http.GetStringAsync($"/dcm4chee-arc/queue/{queue}?limit=1000{(query.Length > 0 ? "&" + query : "")}");
        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Waits until the queue holds a task that satisfies <paramref name="predicate"/>; fails with the queue's tasks.</summary>
    public static async Task<JsonElement> WaitForTaskAsync(HttpClient http, string queue, Func<JsonElement, bool> predicate, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await TasksAsync(http, queue);
            foreach (var task in tasks)
            {
                if (predicate(task))
                {
                    return task;
                }
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{queue}: no task {what} within {Patience.TotalSeconds} s; tasks: {string.Join("; ", tasks.Select(t => t.GetRawText()))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for task <paramref name="taskId"/> of <paramref name="queue"/> to have <paramref name="status"/>.</summary>
    public static Task<JsonElement> WaitForStatusAsync(HttpClient http, string queue, long taskId, string status) =>
        WaitForTaskAsync(http, queue, t => TaskId(t) == taskId && Status(t) == status, $"{taskId} {status}");

    public static long TaskId(JsonElement task) => task.GetProperty("taskID").GetInt64();

    public static string Status(JsonElement task) => task.GetProperty("status").GetString()!;

    public static string? Text(JsonElement task, string name) => task.TryGetProperty(name, out var value) ? value.GetString() : null;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < Patience)
            {
                await Task.Delay(50);
            }
        }
    }
}
