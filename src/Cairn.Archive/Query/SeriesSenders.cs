using System.Globalization;
using System.Text;
using Cairn.Archive.Index;
using Dapper;

namespace Cairn.Archive.Query;

/// <summary>
/// The AE titles that sent the series of some studies, for a page of study results: one grouped query for the page
/// rather than one per study (QIDO does not return them: the index keeps them per series, not in the study's blob).
/// </summary>
public sealed class SeriesSenders
{
    private readonly IndexDatabase _database;

    public SeriesSenders(IndexDatabase database)
    {
        _database = database;
    }

    /// <summary>Sending AE titles by Study Instance UID, each study's sorted and distinct.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OfStudiesAsync(IReadOnlyCollection<string> studyUids, CancellationToken cancellationToken)
    {
        if (studyUids.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }

        var sql = new StringBuilder("SELECT DISTINCT st.study_iuid AS Study, se.sending_aet AS Sender FROM series se JOIN study st ON st.pk = se.study_fk WHERE st.study_iuid IN (");
        var parameters = new DynamicParameters();
        var i = 0;
        foreach (var uid in studyUids)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"s{i}");
            sql.Append(i++ == 0 ? "@" : ", @").Append(name);
            parameters.Add(name, uid);
        }

        sql.Append(')');
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<(string Study, string Sender)>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Where(r => r.Sender.Length > 0)
                .GroupBy(r => r.Study, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Sender).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        }
    }
}
