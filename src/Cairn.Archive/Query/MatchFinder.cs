using Cairn.Archive.Configuration;
using Cairn.Archive.Requests;
using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// The studies, series or instances that the QIDO matching keys of a bulk request (export or IAN of matches, from
/// REST or the study browser) select, through the same parsing and query engine as QIDO-RS; the request's own
/// parameters (batchID, scheduledTime, only-ian) are not matching keys. More matches than the AE's query maximum is
/// refused as for QIDO.
/// </summary>
public sealed class MatchFinder
{
    private static readonly HashSet<string> NotKeys = new(StringComparer.Ordinal) { "batchID", "scheduledTime", "only-ian" };

    private readonly ConfigurationStore _configuration;
    private readonly QueryEngine _engine;

    public MatchFinder(ConfigurationStore configuration, QueryEngine engine)
    {
        _configuration = configuration;
        _engine = engine;
    }

    /// <summary>The matches at <paramref name="level"/> under the study (and series) given; a <see cref="RequestRefusedException"/> says why not.</summary>
    public async Task<IReadOnlyList<MatchedEntity>> FindAsync(
        string aet, QueryLevel level, string? study, string? series, IEnumerable<KeyValuePair<string, string?[]>> parameters, CancellationToken cancellationToken)
    {
        var device = _configuration.Current;
        if (device.FindLocalAE(aet) is null)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, $"No such Application Entity: {aet}");
        }

        QueryRequest query;
        try
        {
            query = QidoQuery.Parse(level, study, series, parameters.Where(q => !NotKeys.Contains(q.Key))).Request;
        }
        catch (QidoParameterException e)
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, e.Message);
        }

        query = query with
        {
            ReturnKeys = new HashSet<DicomTag>
            {
                DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID,
                DicomTags.NumberOfStudyRelatedInstances, DicomTags.NumberOfSeriesRelatedInstances,
            },
        };
        var maximum = QueryMaximum.For(device, aet);
        try
        {
            if (maximum > 0)
            {
                var count = await _engine.CountAsync(query, query.Offset + maximum + 1L, cancellationToken).ConfigureAwait(false);
                if (QueryMaximum.Returned(count, query.Offset, query.Limit) > maximum)
                {
                    throw new RequestRefusedException(
                        RefusalKind.TooManyMatches,
                        $"The request matches more than {maximum} entities (dcmQueryMaxNumberOfResults); select fewer with matching keys, limit and offset");
                }
            }

            var matches = new List<MatchedEntity>();
            await foreach (var result in _engine.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var instances = level switch
                {
                    QueryLevel.Study => Number(result, DicomTags.NumberOfStudyRelatedInstances),
                    QueryLevel.Series => Number(result, DicomTags.NumberOfSeriesRelatedInstances),
                    _ => 1,
                };
                matches.Add(new MatchedEntity(
                    result.GetString(DicomTags.StudyInstanceUID)!,
                    level >= QueryLevel.Series ? result.GetString(DicomTags.SeriesInstanceUID) : null,
                    level == QueryLevel.Image ? result.GetString(DicomTags.SOPInstanceUID) : null,
                    instances));
            }

            return matches;
        }
        catch (QueryKeyException e)
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, e.Message);
        }
    }

    private static long? Number(DicomDataset result, DicomTag tag) =>
        long.TryParse(result.GetString(tag)?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
