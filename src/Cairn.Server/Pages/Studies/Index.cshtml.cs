using Cairn.Archive.Configuration;
using Cairn.Archive.Query;
using Cairn.Dicom;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cairn.Server.Pages.Studies;

/// <summary>
/// The study browser: a search through the query engine QIDO-RS uses (same parsing, same SQL), one page of studies
/// with the total counted in SQL, and the series of one expanded study and the instances of one expanded series
/// (one query each, whatever the page size). Studies are selected for export with checkboxes that belong to the
/// export form.
/// </summary>
public sealed class IndexModel : PageModel
{
    /// <summary>The most series or instances an expanded row lists.</summary>
    public const int ExpandLimit = 1000;

    private readonly QueryEngine _engine;
    private readonly SeriesSenders _senders;
    private readonly ConfigurationStore _configuration;

    public IndexModel(QueryEngine engine, SeriesSenders senders, ConfigurationStore configuration)
    {
        _engine = engine;
        _senders = senders;
        _configuration = configuration;
    }

    public StudySearch Search { get; private set; } = new();

    public IReadOnlyList<StudyRow> Studies { get; private set; } = [];

    public long Total { get; private set; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Senders { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? ExpandedStudy { get; private set; }

    public string? ExpandedSeries { get; private set; }

    public IReadOnlyList<DicomDataset> Series { get; private set; } = [];

    public IReadOnlyList<DicomDataset> Instances { get; private set; } = [];

    public long InstanceTotal { get; private set; }

    public ExportForm Export { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = StudySearch.From(Request.Query);
        Export = ExportForm.For(_configuration.Current, Search);
        ExpandedStudy = Uid(Request.Query["expand"]);
        ExpandedSeries = ExpandedStudy is null ? null : Uid(Request.Query["expandSeries"]);
        if (Search.Errors.Count > 0)
        {
            return;
        }

        QueryRequest request;
        try
        {
            request = QidoQuery.Parse(QueryLevel.Study, null, null, Search.MatchingKeys()).Request with { Offset = Search.Offset, Limit = Search.Limit };
        }
        catch (QidoParameterException e)
        {
            Search.Errors[StudySearch.FieldOf(e.Parameter)] = e.Message;
            return;
        }

        Total = await _engine.CountAsync(request, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var studies = new List<StudyRow>();
        await foreach (var result in _engine.QueryAsync(request, cancellationToken).ConfigureAwait(false))
        {
            studies.Add(StudyRow.From(result));
        }

        Studies = studies;
        Senders = await _senders.OfStudiesAsync([.. studies.Select(s => s.StudyUid)], cancellationToken).ConfigureAwait(false);
        if (ExpandedStudy is not null && studies.Any(s => s.StudyUid == ExpandedStudy))
        {
            Series = await ListAsync(QidoQuery.Parse(QueryLevel.Series, ExpandedStudy, null, []).Request with { Limit = ExpandLimit }, cancellationToken).ConfigureAwait(false);
            if (ExpandedSeries is not null && Series.Any(s => s.GetString(DicomTags.SeriesInstanceUID) == ExpandedSeries))
            {
                var instances = QidoQuery.Parse(QueryLevel.Image, ExpandedStudy, ExpandedSeries, []).Request;
                InstanceTotal = await _engine.CountAsync(instances, long.MaxValue, cancellationToken).ConfigureAwait(false);
                Instances = await ListAsync(instances with { Limit = ExpandLimit }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ExpandedSeries = null;
            }
        }
        else
        {
            (ExpandedStudy, ExpandedSeries) = (null, null);
        }
    }

    private async Task<IReadOnlyList<DicomDataset>> ListAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var results = new List<DicomDataset>();
        await foreach (var result in _engine.QueryAsync(request, cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }

        return results;
    }

    private static string? Uid(string? value) =>
        string.IsNullOrWhiteSpace(value) || DicomValueValidator.CheckUid(value.Trim()) is not null ? null : value.Trim();
}
