using System.Globalization;
using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Archive.Query;
using Cairn.Archive.Requests;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Studies;

/// <summary>
/// Export from the study browser, through <see cref="ExportRequests"/> as the export REST API: the form (GET, for a
/// browser without script) and the export itself (POST), whose result is shown in words with links to the tasks
/// (or the counts of an immediate send, or the archive's reason for refusing).
/// </summary>
public sealed class ExportModel : PageModel
{
    /// <summary>How many task links a result lists; a bulk export links to its queue instead.</summary>
    private const int MaxLinks = 10;

    private readonly ConfigurationStore _configuration;
    private readonly ExportRequests _exports;

    public ExportModel(ConfigurationStore configuration, ExportRequests exports)
    {
        _configuration = configuration;
        _exports = exports;
    }

    public ExportForm Form { get; private set; } = null!;

    public ExportResultView? Result { get; private set; }

    public void OnGet() => Form = ExportForm.From(_configuration.Current, Request.Query);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var device = _configuration.Current;
        Form = ExportForm.From(device, Request.Form);
        DateTimeOffset? scheduled = null;
        if (Form.ScheduledTime.Length > 0)
        {
            try
            {
                scheduled = TaskQueryParameters.ParseTime("scheduledTime", Form.ScheduledTime);
            }
            catch (ArgumentException e)
            {
                Form.Errors["scheduledTime"] = e.Message;
            }
        }

        if (Form.Exporters.Count + Form.RemoteAEs.Count == 0 || Form.ExporterId.Length == 0)
        {
            Form.Errors["exporter"] = "Choose an exporter (none is configured: add one under Configuration → Exporters)";
        }

        if (Form.Errors.Count > 0)
        {
            Result = new ExportResultView("error", "Nothing was exported: " + string.Join("; ", Form.Errors.Values), []);
            return;
        }

        var order = new ExportOrder
        {
            AETitle = device.ApplicationEntities.Count > 0 ? device.ApplicationEntities[0].AETitle : "",
            ExporterId = Form.ExporterId,
            OnlyIan = Form.OnlyIan,
            ScheduledTime = scheduled,
            BatchId = Form.BatchId.Length > 0 ? Form.BatchId : null,
            RequesterUserId = HttpContext.User.Identity?.IsAuthenticated == true ? HttpContext.User.Identity.Name : null,
            RequesterHost = HttpContext.Connection.RemoteIpAddress?.ToString(),
            RequestUri = Request.Path,
        };
        try
        {
            var outcome = Form.Scope switch
            {
                "series" => await _exports.ExportAsync(order, Form.StudyUid, Form.SeriesUid, null, cancellationToken).ConfigureAwait(false),
                "instance" => await _exports.ExportAsync(order, Form.StudyUid, Form.SeriesUid, Form.SopUid, cancellationToken).ConfigureAwait(false),
                "selected" when Form.SelectedStudies.Count == 0 => throw new RequestRefusedException(RefusalKind.BadRequest, "No study is selected: tick the studies to export first"),
                "selected" => await _exports.ExportMatchesAsync(order, QueryLevel.Study, null, null, [KeyValuePair.Create("StudyInstanceUID", new string?[] { string.Join(',', Form.SelectedStudies) })], cancellationToken).ConfigureAwait(false),
                "matching" => await _exports.ExportMatchesAsync(order, QueryLevel.Study, null, null, Form.Search.MatchingKeys(), cancellationToken).ConfigureAwait(false),
                _ => await _exports.ExportAsync(order, Form.StudyUid, null, null, cancellationToken).ConfigureAwait(false),
            };
            Result = Describe(order, outcome, single: Form.Scope is "study" or "series" or "instance");
        }
        catch (RequestRefusedException e)
        {
            Result = new ExportResultView("error", "The archive refused the export: " + e.Message, []);
        }
    }

    private static ExportResultView Describe(ExportOrder order, ExportOutcome outcome, bool single)
    {
        if (outcome.Sent is { } sent)
        {
            var destination = order.ImmediateDestination;
            var counts = Counts(sent);
            if (sent.Error is { } error)
            {
                return new ExportResultView("error", $"Sending to {destination} failed: {error}" + (counts.Length > 0 ? $" ({counts})" : ""), []);
            }

            if (sent.Total == 0)
            {
                return new ExportResultView("warn", "Nothing matched, so nothing was sent.", []);
            }

            return sent.Failed == 0
                ? new ExportResultView("ok", $"Sent to {destination}: {counts}.", [])
                : new ExportResultView(sent.Completed + sent.Warning > 0 ? "warn" : "error", $"Sent to {destination}: {counts}. {sent.LastProblem}", []);
        }

        var tasks = outcome.Tasks;
        var links = tasks.Take(MaxLinks).Select(t => ($"Show task {t.TaskId.ToString(CultureInfo.InvariantCulture)}", $"/monitoring/tasks/{t.TaskId.ToString(CultureInfo.InvariantCulture)}")).ToList();
        var queues = tasks.Select(t => t.Queue).Distinct(StringComparer.Ordinal).ToList();
        if (tasks.Count > MaxLinks || (!single && tasks.Count > 1))
        {
            links = [.. queues.Select(q => ($"{q} tasks under Monitoring → Queues", $"/monitoring/queues?queue={Uri.EscapeDataString(q)}" + (order.BatchId is { } batch ? $"&batchID={Uri.EscapeDataString(batch)}" : "")))];
        }

        var what = order.OnlyIan ? "IAN" : "export";
        var on = queues.Count > 0 ? $" on queue {string.Join(", ", queues)}" : "";
        var when = order.ScheduledTime is { } at ? $", scheduled for {at.ToLocalTime():yyyy-MM-dd HH:mm}" : "";
        return tasks.Count switch
        {
            0 => new ExportResultView("warn", order.OnlyIan ? "No IAN was queued: nothing matched, or the studies hold no instances." : "No export task was created: nothing matched the search.", []),
            1 => new ExportResultView("ok", $"{(order.OnlyIan ? "IAN" : "Export")} task {tasks[0].TaskId} created{on}{when}" + (order.OnlyIan ? " (IAN without export)." : "."), links),
            _ => new ExportResultView("ok", $"{tasks.Count} {what} tasks created{on}{when}" + (order.OnlyIan ? " (IAN without export)." : "."), links),
        };
    }

    private static string Counts(ExportSendResult sent) =>
        string.Join(", ", new[] { (sent.Completed, "completed"), (sent.Warning, "with warnings"), (sent.Failed, "failed") }
            .Where(c => c.Item1 > 0)
            .Select(c => $"{c.Item1} {c.Item2}"));
}
