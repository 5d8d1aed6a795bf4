using Cairn.Archive.Configuration;
using Cairn.Archive.Query;
using Cairn.Dicom;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The studies, series or instances that the QIDO matching keys of a bulk request (export or IAN of matches) select,
/// through the same parsing and query engine as QIDO-RS; the request's own parameters (batchID, scheduledTime) are
/// not matching keys. More matches than the AE's query maximum is 413, as for QIDO.
/// </summary>
internal static class MatchedEntities
{
    private static readonly HashSet<string> NotKeys = new(StringComparer.Ordinal) { "batchID", "scheduledTime" };

    public static async Task<(IResult? Problem, IReadOnlyList<MatchedEntity> Matches)> FindAsync(
        HttpContext http, string aet, QueryLevel level, string? study, string? series, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var device = services.GetRequiredService<ConfigurationStore>().Current;
        if (device.FindLocalAE(aet) is null)
        {
            return (ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}"), []);
        }

        QueryRequest query;
        try
        {
            query = QidoQuery.Parse(level, study, series, http.Request.Query.Where(q => !NotKeys.Contains(q.Key)).Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray()))).Request;
        }
        catch (QidoParameterException e)
        {
            return (ConfigurationEndpoints.BadRequest(e.Message), []);
        }

        query = query with
        {
            ReturnKeys = new HashSet<DicomTag>
            {
                DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID,
                DicomTags.NumberOfStudyRelatedInstances, DicomTags.NumberOfSeriesRelatedInstances,
            },
        };
        var engine = services.GetRequiredService<QueryEngine>();
        var maximum = QueryMaximum.For(device, aet);
        try
        {
            if (maximum > 0)
            {
                var count = await engine.CountAsync(query, query.Offset + maximum + 1L, cancellationToken).ConfigureAwait(false);
                if (QueryMaximum.Returned(count, query.Offset, query.Limit) > maximum)
                {
                    return (Results.Json(
                        new ErrorBody($"The request matches more than {maximum} entities (dcmQueryMaxNumberOfResults); select fewer with matching keys, limit and offset"),
                        ServerJsonContext.Relaxed.ErrorBody,
                        statusCode: StatusCodes.Status413PayloadTooLarge), []);
                }
            }

            var matches = new List<MatchedEntity>();
            await foreach (var result in engine.QueryAsync(query, cancellationToken).ConfigureAwait(false))
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

            return (null, matches);
        }
        catch (QueryKeyException e)
        {
            return (ConfigurationEndpoints.BadRequest(e.Message), []);
        }
    }

    private static long? Number(DicomDataset result, DicomTag tag) =>
        long.TryParse(result.GetString(tag)?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>One match: its study, and its series and instance at those levels; how many instances it holds, when known.</summary>
    internal sealed record MatchedEntity(string Study, string? Series, string? Sop, long? Instances);
}
