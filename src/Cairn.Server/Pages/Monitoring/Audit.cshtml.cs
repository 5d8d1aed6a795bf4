using System.Globalization;
using Cairn.Archive.Audit;
using Cairn.Server.Endpoints;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Cairn.Server.Pages.Monitoring;

/// <summary>The audit record, filtered with the REST API's parameters and parser (<see cref="AuditQuery"/>).</summary>
public sealed class AuditModel(AuditStore audit) : PageModel
{
    public AuditQuery Query { get; private set; } = new(new AuditFilter(), 0, 100);

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public long Total { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Query = AuditQuery.Parse(Request.Query);
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Records = await audit.ListAsync(Query.Filter, Query.Offset, Query.Limit, cancellationToken);
        Total = await audit.CountAsync(Query.Filter, cancellationToken);
    }

    public string PageUrl(int offset)
    {
        var query = Request.Query.Where(p => p.Key != "offset").ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query["offset"] = offset.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/monitoring/audit", query);
    }
}
