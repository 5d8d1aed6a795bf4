using Cairn.Archive.Configuration;
using Cairn.Archive.Ian;
using Cairn.Archive.Index;
using Cairn.Archive.Query;
using Cairn.Archive.Requests;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;
using Cairn.Dicom;

namespace Cairn.Archive.Export;

/// <summary>
/// Export on demand, for the REST API and the study browser alike: a study, series or instance, or the matches of
/// QIDO keys, by a configured exporter (one EXPORT task each on its queue), as "IAN without export" (the study's
/// IAN queued to the exporter's IAN destinations, no export), or with <c>dicom:&lt;AET&gt;</c> sent at once by
/// C-STORE to that remote AE, answering the counts. A request that cannot be done throws a
/// <see cref="RequestRefusedException"/> with the reason before anything is queued or sent.
/// </summary>
public sealed class ExportRequests
{
    private const int UidsPerQuery = 500;

    private readonly ConfigurationStore _configuration;
    private readonly InstanceLocator _locator;
    private readonly TaskStore _tasks;
    private readonly IndexDatabase _database;
    private readonly MatchFinder _matches;
    private readonly ExportSender _sender;

    public ExportRequests(ConfigurationStore configuration, InstanceLocator locator, TaskStore tasks, IndexDatabase database, MatchFinder matches, ExportSender sender)
    {
        _configuration = configuration;
        _locator = locator;
        _tasks = tasks;
        _database = database;
        _matches = matches;
        _sender = sender;
    }

    /// <summary>Exports one study, or one series or instance of it.</summary>
    public async Task<ExportOutcome> ExportAsync(ExportOrder order, string study, string? series, string? sop, CancellationToken cancellationToken)
    {
        var device = _configuration.Current;
        LocalAE(device, order);
        foreach (var (name, uid) in new[] { ("StudyInstanceUID", study), ("SeriesInstanceUID", series), ("SOPInstanceUID", sop) })
        {
            if (uid is not null && DicomValueValidator.CheckUid(uid) is { } problem)
            {
                throw new RequestRefusedException(RefusalKind.BadRequest, $"{name}: '{uid}' {problem}");
            }
        }

        var destination = Immediate(device, order);
        var exporter = destination is null ? Exporter(device, order) : null;
        var found = await _locator.FindAsync(RetrieveKeys.For(study, series, sop), cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, sop is not null ? $"No such instance: {sop}" : series is not null ? $"No such series: {series}" : $"No such study: {study}");
        }

        if (destination is not null)
        {
            return new ExportOutcome { Sent = await _sender.SendAsync(order.AETitle, destination, found, cancellationToken).ConfigureAwait(false) };
        }

        if (order.OnlyIan)
        {
            return new ExportOutcome { Tasks = await QueueIansAsync(exporter!, order, [study], cancellationToken).ConfigureAwait(false) };
        }

        var task = await _tasks.CreateAsync(
            ExportTasks.New(exporter!, study, series ?? "*", sop ?? "*", order.ScheduledTime) with
            {
                BatchId = order.BatchId,
                RequesterUserId = order.RequesterUserId,
                RequesterHost = order.RequesterHost,
                RequestUri = order.RequestUri,
                NumberOfInstances = found.Count,
                Modalities = ExportTasks.FiguresOf(found).Modalities,
            },
            cancellationToken).ConfigureAwait(false);
        return new ExportOutcome { Tasks = [task] };
    }

    /// <summary>
    /// Exports what <paramref name="keys"/> (QIDO matching keys) select at <paramref name="level"/>: one task per match
    /// (all or none), one IAN per matched study with <see cref="ExportOrder.OnlyIan"/>, or one synchronous send of all.
    /// </summary>
    public async Task<ExportOutcome> ExportMatchesAsync(
        ExportOrder order, QueryLevel level, string? study, string? series, IEnumerable<KeyValuePair<string, string?[]>> keys, CancellationToken cancellationToken)
    {
        var device = _configuration.Current;
        LocalAE(device, order);
        var destination = Immediate(device, order);
        var exporter = destination is null ? Exporter(device, order) : null;
        var matches = await _matches.FindAsync(order.AETitle, level, study, series, keys, cancellationToken).ConfigureAwait(false);
        if (destination is not null)
        {
            var instances = await InstancesAsync(level, matches, cancellationToken).ConfigureAwait(false);
            return new ExportOutcome
            {
                // Nothing matched: nothing to send, no association.
                Sent = instances.Count == 0
                    ? new ExportSendResult(0, 0, 0, 0, false, null, null)
                    : await _sender.SendAsync(order.AETitle, destination, instances, cancellationToken).ConfigureAwait(false),
            };
        }

        if (order.OnlyIan)
        {
            var studies = matches.Select(m => m.Study).Distinct(StringComparer.Ordinal).ToList();
            return new ExportOutcome { Tasks = await QueueIansAsync(exporter!, order, studies, cancellationToken).ConfigureAwait(false) };
        }

        var created = new List<QueueTask>();
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // All or none: a failure part-way leaves no half-made batch behind.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var match in matches)
            {
                created.Add(await _tasks.CreateAsync(
                    connection,
                    transaction,
                    ExportTasks.New(exporter!, match.Study, match.Series ?? "*", match.Sop ?? "*", order.ScheduledTime) with
                    {
                        BatchId = order.BatchId,
                        RequesterUserId = order.RequesterUserId,
                        RequesterHost = order.RequesterHost,
                        RequestUri = order.RequestUri,
                        NumberOfInstances = match.Instances,
                    },
                    cancellationToken).ConfigureAwait(false));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var task in created)
        {
            _tasks.WakeIfDue(task);
        }

        return new ExportOutcome { Tasks = created };
    }

    private static void LocalAE(ArchiveDevice device, ExportOrder order)
    {
        if (device.FindLocalAE(order.AETitle) is null)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, $"No such Application Entity: {order.AETitle}");
        }
    }

    /// <summary>The remote AE of a <c>dicom:&lt;AET&gt;</c> export, or null for a configured exporter.</summary>
    private static RemoteAE? Immediate(ArchiveDevice device, ExportOrder order)
    {
        if (order.ImmediateDestination is not { } title)
        {
            return null;
        }

        if (order.OnlyIan)
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, $"only-ian cannot be used with {order.ExporterId}: IAN without export needs a configured exporter and its IAN destinations");
        }

        if (order.ScheduledTime is not null)
        {
            throw new RequestRefusedException(RefusalKind.BadRequest, $"scheduledTime cannot be used with {order.ExporterId}: it is sent at once; use a configured exporter to schedule an export");
        }

        return device.FindRemoteAE(title) ?? throw new RequestRefusedException(RefusalKind.NotFound, $"No such remote AE: {title}");
    }

    private static ExporterDescriptor Exporter(ArchiveDevice device, ExportOrder order)
    {
        if (device.Archive.FindExporter(order.ExporterId) is not { } exporter)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, $"No such Exporter: {order.ExporterId}");
        }

        if (device.Archive.FindQueue(exporter.QueueName) is null)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, $"No such Queue: {exporter.QueueName}");
        }

        if (order.OnlyIan && exporter.IanDestinations.Count == 0)
        {
            throw new RequestRefusedException(RefusalKind.NotFound, $"No IAN Destinations configured for Exporter: {exporter.ExporterId}");
        }

        return exporter;
    }

    /// <summary>The IAN of each study to each of the exporter's IAN destinations, in one transaction.</summary>
    private async Task<IReadOnlyList<QueueTask>> QueueIansAsync(ExporterDescriptor exporter, ExportOrder order, IReadOnlyList<string> studies, CancellationToken cancellationToken)
    {
        var template = new NewTask
        {
            Queue = IanTasks.Queue,
            Type = IanTasks.Type,
            BatchId = order.BatchId,
            RequesterUserId = order.RequesterUserId,
            RequesterHost = order.RequesterHost,
            RequestUri = order.RequestUri,
        };
        var created = new List<QueueTask>();
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var study in studies)
            {
                created.AddRange(await IanTasks.QueueAsync(connection, transaction, _tasks, exporter, study, null, template, cancellationToken).ConfigureAwait(false));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var ian in created)
        {
            _tasks.WakeIfDue(ian);
        }

        return created;
    }

    /// <summary>The stored instances of the matches, a few hundred UIDs per query.</summary>
    private async Task<IReadOnlyList<StoredInstance>> InstancesAsync(QueryLevel level, IReadOnlyList<MatchedEntity> matches, CancellationToken cancellationToken)
    {
        var instances = new List<StoredInstance>();
        foreach (var chunk in matches.Chunk(UidsPerQuery))
        {
            var keys = level switch
            {
                QueryLevel.Study => new RetrieveKeys { Level = RetrieveLevel.Study, StudyInstanceUids = [.. chunk.Select(m => m.Study)] },
                QueryLevel.Series => new RetrieveKeys { Level = RetrieveLevel.Series, SeriesInstanceUids = [.. chunk.Select(m => m.Series!)] },
                _ => new RetrieveKeys { Level = RetrieveLevel.Image, SopInstanceUids = [.. chunk.Select(m => m.Sop!)] },
            };
            instances.AddRange(await _locator.FindAsync(keys, cancellationToken).ConfigureAwait(false));
        }

        return instances;
    }
}
