using System.Data.Common;
using System.Runtime.CompilerServices;
using Cairn.Archive.Index;
using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// The archive's query engine, shared by the C-FIND SCP and QIDO-RS: matches a <see cref="QueryRequest"/> against
/// the index (in SQL where the index has a column for an attribute, in memory otherwise) and streams one data set
/// per match, in a stable order: newest studies first, series and instances by number.
/// </summary>
public sealed class QueryEngine
{
    private readonly IndexDatabase _database;

    public QueryEngine(IndexDatabase database)
    {
        _database = database;
    }

    /// <summary>
    /// How many results <paramref name="request"/> has (before offset and limit); counts at most
    /// <paramref name="stopAt"/> when keys must be applied in memory, which means decoding each candidate.
    /// </summary>
    public async Task<long> CountAsync(QueryRequest request, long stopAt, CancellationToken cancellationToken)
    {
        var sql = new QuerySql(request, _database.Provider);
        if (sql.InMemory.Count == 0)
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, sql.CountSql, sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        long count = 0;
        await foreach (var _ in QueryAsync(request with { Offset = 0, Limit = null, ReturnKeys = new HashSet<DicomTag>() }, cancellationToken).ConfigureAwait(false))
        {
            if (++count >= stopAt)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>The matches of <paramref name="request"/>, one data set each, read from the index as they are sent.</summary>
    public async IAsyncEnumerable<DicomDataset> QueryAsync(QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new QuerySql(request, _database.Provider);
        var matcher = new InMemoryMatcher(sql.InMemory);
        // With keys applied in memory, the window is taken here rather than by the database.
        var text = matcher.IsEmpty ? sql.SelectSql(request.Offset, request.Limit) : sql.SelectSql(0, null);
        var skip = matcher.IsEmpty ? 0 : request.Offset;
        var left = matcher.IsEmpty ? int.MaxValue : request.Limit ?? int.MaxValue;
        if (left <= 0 || request.Limit == 0)
        {
            yield break;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, text, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var blobs = new byte[]?[4];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < 4; i++)
            {
                blobs[i] = reader.IsDBNull(i) ? null : reader.GetFieldValue<byte[]>(i);
            }

            var row = new QueryRow(
                Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(7) ? "" : reader.GetString(7),
                reader.IsDBNull(8) ? "" : reader.GetString(8),
                reader.IsDBNull(9) ? "" : reader.GetString(9),
                reader.GetString(10));
            var result = QueryResults.Build(request.Level, blobs, row);
            if (!matcher.Matches(result))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            yield return request.ReturnKeys is null ? result : QueryResults.Select(result, request.ReturnKeys);
            if (--left == 0)
            {
                yield break;
            }
        }
    }

    private static DbCommand Command(DbConnection connection, string text, QuerySql sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in sql.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
