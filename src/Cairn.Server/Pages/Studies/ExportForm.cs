using Cairn.Archive.Configuration;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Pages.Studies;

/// <summary>
/// The export form, in the study browser's dialog and on its own page: what to export (a study, series or instance,
/// the selected studies, or all studies matching the search), the exporter (a configured one, queued, or
/// <c>dicom:&lt;AET&gt;</c> sent at once), "IAN without export", scheduled time and batch ID.
/// </summary>
public sealed record ExportForm
{
    public static IReadOnlyList<string> Scopes { get; } = ["study", "series", "instance", "selected", "matching"];

    public required IReadOnlyList<ExporterDescriptor> Exporters { get; init; }

    public required IReadOnlyList<RemoteAE> RemoteAEs { get; init; }

    public required StudySearch Search { get; init; }

    public string Scope { get; init; } = "study";

    public string StudyUid { get; init; } = "";

    public string SeriesUid { get; init; } = "";

    public string SopUid { get; init; } = "";

    public IReadOnlyList<string> SelectedStudies { get; init; } = [];

    /// <summary>What is exported, in words (shown, not used).</summary>
    public string What { get; init; } = "";

    public string ExporterId { get; init; } = "";

    public bool OnlyIan { get; init; }

    public string ScheduledTime { get; init; } = "";

    public string BatchId { get; init; } = "";

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>An empty form for the dialog of the study browser with <paramref name="search"/>.</summary>
    public static ExportForm For(ArchiveDevice device, StudySearch search) => new()
    {
        Exporters = device.Archive.Exporters,
        RemoteAEs = device.RemoteApplicationEntities,
        Search = search,
        ExporterId = device.Archive.Exporters.Count > 0 ? device.Archive.Exporters[0].ExporterId : "",
    };

    /// <summary>The form as sent (posted, or in the query string of the page without script).</summary>
    public static ExportForm From(ArchiveDevice device, IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        var list = values.ToList();
        var map = list.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        string Get(string name) => map.GetValueOrDefault(name).ToString().Trim();
        var form = For(device, StudySearch.From(list)) with
        {
            Scope = Get("scope"),
            StudyUid = Get("studyUid"),
            SeriesUid = Get("seriesUid"),
            SopUid = Get("sopUid"),
            SelectedStudies = [.. map.GetValueOrDefault("study").Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal)],
            What = Get("what"),
            OnlyIan = Get("onlyIan") is "true" or "on",
            ScheduledTime = Get("scheduledTime"),
            BatchId = Get("batchId"),
        };
        if (Get("exporter") is { Length: > 0 } exporter)
        {
            form = form with { ExporterId = exporter };
        }

        if (Get("exportSelected") == "true")
        {
            // "Export selected…" sent without script: the form's own scope field still says "study".
            form = form with { Scope = "selected" };
        }
        else if (!Scopes.Contains(form.Scope))
        {
            form = form with { Scope = form.SelectedStudies.Count > 0 ? "selected" : "study" };
        }

        return form with { What = form.What.Length > 0 ? form.What : form.Describe() };
    }

    /// <summary>The scope in words, when the page has nothing better.</summary>
    public string Describe() => Scope switch
    {
        "series" => $"Series {SeriesUid}",
        "instance" => $"Instance {SopUid}",
        "selected" => SelectedStudies.Count == 1 ? "1 selected study" : $"{SelectedStudies.Count} selected studies",
        "matching" => Search.IsEmpty ? "All studies" : "All studies matching the search",
        _ => $"Study {StudyUid}",
    };
}
