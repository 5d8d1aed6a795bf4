using Cairn.Archive.Configuration;
using Cairn.Archive.Tasks;
using Cairn.Server.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>
/// A page that lists tasks, or their batches, through the filter form (<c>_TaskFilters</c>): the form's fields in the
/// REST API's parameter names, read by the same <see cref="TaskQueryParameters"/>; a bad value is shown in the
/// parser's words beside the field it names.
/// </summary>
public abstract class TaskFilterModel : PageModel
{
    /// <summary>The filter form's fields, in the REST API's names; a parse error names one of them.</summary>
    public static readonly string[] FilterNames = ["status", "dicomDeviceName", "localAET", "remoteAET", "StudyInstanceUID", "batchID", "ExporterID", "createdTime", "updatedTime", "orderby", "offset", "limit", "scheduledTime"];

    protected TaskFilterModel(TaskService tasks, ConfigurationStore configuration)
    {
        Service = tasks;
        Device = configuration.Current;
    }

    public ArchiveDevice Device { get; }

    /// <summary>The page's address, and its key for the navigation (<c>queues</c>, <c>export</c>).</summary>
    public abstract string PagePath { get; }

    public abstract string PageKey { get; }

    /// <summary>Whether the filter form offers Count (the number of matching tasks).</summary>
    public virtual bool OffersCount => true;

    public TaskScope? Scope { get; private set; }

    public TaskQueryParameters? Parameters { get; private set; }

    /// <summary>Why there is no list: a bad filter value or an unknown queue, in the API's words.</summary>
    public string? Problem { get; private set; }

    /// <summary>The filter field <see cref="Problem"/> is about, if it names one.</summary>
    public string? ProblemField { get; private set; }

    /// <summary>The status the filter names, when it names exactly one.</summary>
    public QueueTaskStatus? FilterStatus => Parameters?.Filter.Statuses is [var one] ? one : null;

    protected TaskService Service { get; }

    /// <summary>The scope the request names, or why it names none.</summary>
    protected abstract (TaskScope? Scope, string? Problem) ResolveScope();

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
    public string PageUrl(params (string Name, string? Value)[] changes) => FilteredUrl(PagePath, changes);

    /// <summary><paramref name="path"/> with the current filter, and <paramref name="changes"/> (a null value removes the parameter).</summary>
    public string FilteredUrl(string path, params (string Name, string? Value)[] changes)
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

        return path + QueryString.Create(query.Where(p => p.Value.Any(v => !string.IsNullOrEmpty(v))));
    }

    /// <summary>Where a form posts to run <paramref name="handler"/> on the current filter.</summary>
    public string HandlerUrl(string handler) => PageUrl(("handler", handler));

    /// <summary>
    /// Reads the scope and the filter; a status from a bulk form stands in for the filter's (which it only offers when
    /// the filter names none). False, with <see cref="Problem"/> set, when either is wrong.
    /// </summary>
    protected bool Prepare(string? status)
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
}
