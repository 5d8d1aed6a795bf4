using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// A task monitor (Queues, Export): the filter form in the REST API's parameter names, read by the same
/// <see cref="TaskQueryParameters"/>; a page of tasks (one more fetched to know whether a next page exists, no count
/// unless asked); and the per-task and bulk operations of <see cref="TaskService"/>. Every change is a POST that
/// redirects back to the list, so that a reload (or the auto-refresh) never repeats it.
/// </summary>
public abstract class TaskMonitorModel : PageModel
{
    /// <summary>The filter form's fields, in the REST API's names; a parse error names one of them.</summary>
    public static readonly string[] FilterNames = ["status", "dicomDeviceName", "localAET", "remoteAET", "StudyInstanceUID", "batchID", "ExporterID", "createdTime", "updatedTime", "orderby", "offset", "limit", "scheduledTime"];

    protected TaskMonitorModel(TaskService tasks, ConfigurationStore configuration, TimeProvider time)
    {
        Service = tasks;
        Device = configuration.Current;
        Time = time;
    }

    public ArchiveDevice Device { get; }

    /// <summary>The page's address, and its key for the navigation (<c>queues</c>, <c>export</c>).</summary>
    public abstract string PagePath { get; }

    public abstract string PageKey { get; }

    /// <summary>What the tasks here are called in confirmations ("IAN Tasks", "export tasks").</summary>
    public abstract string ScopeLabel { get; }

    public TaskScope? Scope { get; private set; }

    public TaskQueryParameters? Parameters { get; private set; }

    public IReadOnlyList<QueueTask> Tasks { get; private set; } = [];

    /// <summary>Whether a page follows this one.</summary>
    public bool HasMore { get; private set; }

    /// <summary>The count of matching tasks, when the operator asked for it (Count).</summary>
    public long? Count { get; private set; }

    /// <summary>Why there is no list: a bad filter value or an unknown queue, in the API's words.</summary>
    public string? Problem { get; private set; }

    /// <summary>The filter field <see cref="Problem"/> is about, if it names one.</summary>
    public string? ProblemField { get; private set; }

    /// <summary>The outcome of the last change, shown once after its redirect.</summary>
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    protected TaskService Service { get; }

    protected TimeProvider Time { get; }

    /// <summary>How many tasks match, if known without another query: counted, or all of them are on this one page.</summary>
    public long? KnownCount => Count ?? (Parameters is { Offset: 0 } && !HasMore ? Tasks.Count : null);

    /// <summary>The status the filter names, when it names exactly one.</summary>
    public QueueTaskStatus? FilterStatus => Parameters?.Filter.Statuses is [var one] ? one : null;

    /// <summary>
    /// The matching tasks in a confirmation's words, with their number when it is known without counting: "the 6
    /// CANCELED tasks of IAN Tasks that match the filter", "every task of IAN Tasks that matches the filter".
    /// </summary>
    public string MatchingWords()
    {
        var of = $"of {ScopeLabel}";
        var status = FilterStatus is { } s ? s.Text() + " " : "";
        return KnownCount switch
        {
            1 => $"the 1 {status}task {of} that matches the filter",
            { } n => $"the {n:N0} {status}tasks {of} that match the filter",
            null => $"every {status}task {of} that matches the filter",
        };
    }

    /// <summary>The scope the request names, or why it names none.</summary>
    protected abstract (TaskScope? Scope, string? Problem) ResolveScope();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Prepare(null))
        {
            return Page();
        }

        var page = await Service.ListAsync(Parameters! with { Limit = Parameters!.Limit + 1 }, cancellationToken).ConfigureAwait(false);
        HasMore = page.Count > Parameters.Limit;
        Tasks = HasMore ? [.. page.Take(Parameters.Limit)] : page;
        if (Request.Query.ContainsKey("count"))
        {
            Count = await Service.CountAsync(Parameters.Filter, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }

    public Task<IActionResult> OnPostRescheduleAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "rescheduled", scope => Service.RescheduleAsync(scope, taskID, null, cancellationToken));

    public Task<IActionResult> OnPostCancelAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "cancelled", scope => Service.CancelAsync(scope, taskID, cancellationToken));

    public Task<IActionResult> OnPostDeleteAsync(long taskID, CancellationToken cancellationToken) =>
        OneAsync(taskID, "deleted", scope => Service.DeleteAsync(scope, taskID, cancellationToken));

    /// <summary>Reschedules every matching task; <paramref name="status"/> is the form's choice when the filter names none.</summary>
    public async Task<IActionResult> OnPostRescheduleAllAsync(string? status, string? scheduledTime, CancellationToken cancellationToken)
    {
        var began = Time.GetUtcNow();
        if (!Prepare(status))
        {
            return Back(Problem!, error: true);
        }

        DateTimeOffset? when;
        try
        {
            when = TaskQueryParameters.ScheduledTime(scheduledTime);
        }
        catch (ArgumentException e)
        {
            return Back(e.Message, error: true);
        }

        return Back(await Service.RescheduleMatchingAsync(Parameters!.Filter, when, began, cancellationToken).ConfigureAwait(false), "rescheduled");
    }

    public async Task<IActionResult> OnPostCancelAllAsync(string? status, CancellationToken cancellationToken) =>
        Prepare(status)
            ? Back(await Service.CancelMatchingAsync(Parameters!.Filter, cancellationToken).ConfigureAwait(false), "cancelled")
            : Back(Problem!, error: true);

    public async Task<IActionResult> OnPostDeleteAllAsync(CancellationToken cancellationToken) =>
        Prepare(null)
            ? Back(await Service.DeleteMatchingAsync(Parameters!.Filter, cancellationToken).ConfigureAwait(false), "deleted")
            : Back(Problem!, error: true);

    /// <summary>The first value of a query parameter, as the form shows it again.</summary>
    public string Value(string name) => Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] ?? "" : "";

    /// <summary>One side (0: from, 1: to) of a time range filter, for its datetime-local picker.</summary>
    public string RangeValue(string name, int side)
    {
        if (Request.Query.TryGetValue(name, out var values) && values.Count == 2)
        {
            return values[side] ?? "";
        }

        var filter = Parameters?.Filter;
        return name switch
        {
            "createdTime" => TaskDisplay.InputTime(side == 0 ? filter?.CreatedFrom : filter?.CreatedTo),
            _ => TaskDisplay.InputTime(side == 0 ? filter?.UpdatedFrom : filter?.UpdatedTo),
        };
    }

    /// <summary>This page with the current filter, and <paramref name="changes"/> (a null value removes the parameter).</summary>
    public string PageUrl(params (string Name, string? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                query.Remove(name);
            }
            else
            {
                query[name] = value;
            }
        }

        return PagePath + QueryString.Create(query.Where(p => p.Value.Any(v => !string.IsNullOrEmpty(v))));
    }

    /// <summary>Where a form posts to run <paramref name="handler"/> on the current filter.</summary>
    public string HandlerUrl(string handler) => PageUrl(("handler", handler));

    // Reads the scope and the filter; a status from a bulk form stands in for the filter's (which it only offers when the
    // filter names none).
    private bool Prepare(string? status)
    {
        var (scope, problem) = ResolveScope();
        if (scope is null)
        {
            Problem = problem;
            return false;
        }

        Scope = scope;
        IQueryCollection query = Request.Query;
        if (!string.IsNullOrEmpty(status))
        {
            var values = Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            values["status"] = new StringValues(status);
            query = new QueryCollection(values);
        }

        try
        {
            Parameters = TaskService.Parse(scope, query);
            if (!query.ContainsKey("limit"))
            {
                Parameters = Parameters with { Limit = TaskDisplay.DefaultPageSize };
            }

            return true;
        }
        catch (ArgumentException e)
        {
            Problem = e.Message;
            ProblemField = FilterNames.FirstOrDefault(n => e.Message.StartsWith(n + ":", StringComparison.Ordinal));
            return false;
        }
    }

    private async Task<IActionResult> OneAsync(long taskId, string done, Func<TaskScope, Task<TaskOutcome>> change)
    {
        var (scope, problem) = ResolveScope();
        if (scope is null)
        {
            return Back(problem!, error: true);
        }

        var outcome = await change(scope).ConfigureAwait(false);
        return Back(outcome.Succeeded ? $"Task {taskId} {done}." : outcome.Error!, error: !outcome.Succeeded);
    }

    private RedirectResult Back(TaskOutcome outcome, string done) =>
        Back(outcome.Succeeded ? $"{TaskDisplay.Tasks(outcome.Count)} {done}." : outcome.Error!, error: !outcome.Succeeded);

    private RedirectResult Back(string message, bool error)
    {
        Message = message;
        MessageIsError = error;
        return Redirect(PageUrl(("handler", null)));
    }
}
