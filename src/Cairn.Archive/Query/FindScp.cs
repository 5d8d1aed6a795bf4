using Cairn.Archive.Configuration;
using Cairn.Archive.Operations;
using Cairn.Dicom;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Query;

/// <summary>
/// The C-FIND SCP of the Patient Root and Study Root Query/Retrieve Information Models, hierarchical (no relational
/// extended negotiation): each match is a pending response (FF00H) with the requested attributes (empty when the
/// archive has no value) in the stored data's character set, then success; a C-CANCEL-RQ ends it with FE00H.
/// </summary>
public sealed class FindScp : DicomServiceHandler
{
    /// <summary>The information models served.</summary>
    public static IReadOnlyList<string> SopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelFind, DicomUids.StudyRootQueryRetrieveInformationModelFind];

    private readonly QueryEngine _engine;
    private readonly ConfigurationStore _configuration;
    private readonly ArchiveMetrics _metrics;

    public FindScp(QueryEngine engine, ConfigurationStore configuration, ArchiveMetrics metrics)
    {
        _engine = engine;
        _configuration = configuration;
        _metrics = metrics;
    }

    /// <summary>A C-FIND being answered stops at a C-CANCEL-RQ; the server listens for one while it runs.</summary>
    public override bool WatchesForCancel(DimseCommand command) => command.Field == CommandField.CFindRequest;

    public override async ValueTask HandleAsync(DicomRequest request, CancellationToken cancellationToken)
    {
        if (request.Command.Field != CommandField.CFindRequest)
        {
            await request.RespondAsync(DimseStatus.UnrecognizedOperation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        _metrics.Query();
        var association = request.Association;
        DicomDataset identifier;
        QueryRequest query;
        try
        {
            identifier = request.Message.Dataset ?? throw new FindRefusedException(DimseStatus.IdentifierDoesNotMatchSopClass, "the C-FIND-RQ has no identifier");
            query = Parse(request.Command.AffectedSopClassUid ?? request.Message.Context.AbstractSyntax, identifier);
        }
        catch (Exception e) when (e is DicomFormatException or DicomValueException)
        {
            await RefuseAsync(request, DimseStatus.CannotUnderstand, $"the identifier cannot be read: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (FindRefusedException e)
        {
            await RefuseAsync(request, e.Status, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var levelName = QueryLevels.Name(query.Level);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, request.CancelRequested);
        var count = 0;
        try
        {
            var maximum = QueryMaximum.For(_configuration.Current, association.CalledAETitle);
            if (maximum > 0 && await _engine.CountAsync(query, maximum + 1L, cancel.Token).ConfigureAwait(false) > maximum)
            {
                await RefuseAsync(request, DimseStatus.OutOfResources, $"more than {maximum} matches; narrow the query", cancellationToken).ConfigureAwait(false);
                return;
            }

            await foreach (var result in _engine.QueryAsync(query, cancel.Token).ConfigureAwait(false))
            {
                if (request.IsCancelRequested)
                {
                    break;
                }

                await request.RespondAsync(DimseStatus.Pending, Answer(result, identifier), cancellationToken: cancellationToken).ConfigureAwait(false);
                count++;
            }
        }
        catch (QueryKeyException e)
        {
            await RefuseAsync(request, DimseStatus.IdentifierDoesNotMatchSopClass, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (request.IsCancelRequested)
        {
        }

        if (request.IsCancelRequested)
        {
            QueryLog.Cancelled(association.Logger, association.Name, count);
            await request.RespondAsync(DimseStatus.Cancel, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        QueryLog.Found(association.Logger, association.Name, levelName, count);
        await request.RespondAsync(DimseStatus.Success, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The query an identifier asks, or a <see cref="FindRefusedException"/> saying what is wrong with it.</summary>
    public static QueryRequest Parse(string sopClassUid, DicomDataset identifier)
    {
        var patientRoot = sopClassUid == DicomUids.PatientRootQueryRetrieveInformationModelFind;
        var levelValue = identifier.GetString(DicomTags.QueryRetrieveLevel)?.Trim();
        if (string.IsNullOrEmpty(levelValue))
        {
            throw new FindRefusedException(DimseStatus.IdentifierDoesNotMatchSopClass, "Query/Retrieve Level (0008,0052) is missing");
        }

        if (QueryLevels.Parse(levelValue) is not { } level)
        {
            throw new FindRefusedException(DimseStatus.IdentifierDoesNotMatchSopClass, $"Query/Retrieve Level '{levelValue}' is not PATIENT, STUDY, SERIES or IMAGE");
        }

        if (level == QueryLevel.Patient && !patientRoot)
        {
            throw new FindRefusedException(DimseStatus.IdentifierDoesNotMatchSopClass, "Query/Retrieve Level PATIENT is not in the Study Root model");
        }

        // Hierarchical queries: below the top level, the unique keys of every level above (PS3.4 C.4.1.2.2.1).
        var required = new List<(QueryLevel Above, DicomTag Tag)>();
        if (patientRoot)
        {
            required.Add((QueryLevel.Study, DicomTags.PatientID));
        }

        required.Add((QueryLevel.Series, DicomTags.StudyInstanceUID));
        required.Add((QueryLevel.Image, DicomTags.SeriesInstanceUID));
        foreach (var (above, tag) in required)
        {
            if (level >= above && string.IsNullOrWhiteSpace(identifier.GetString(tag)))
            {
                throw new FindRefusedException(
                    DimseStatus.IdentifierDoesNotMatchSopClass,
                    $"a {QueryLevels.Name(level)} query needs {MatchingRange.Name(tag)} (a unique key above it)");
            }
        }

        var keys = new List<MatchingKey>();
        var returned = new HashSet<DicomTag>();
        foreach (var element in identifier)
        {
            if (element.Tag == DicomTags.SpecificCharacterSet || element.Tag == DicomTags.QueryRetrieveLevel || element.Tag.IsGroupLength)
            {
                continue;
            }

            returned.Add(element.Tag);
            if (element is DicomValueElement value && value.VR.IsString && !value.IsEmpty)
            {
                keys.Add(new MatchingKey(element.Tag, value.VR, identifier.GetString(element.Tag)?.Trim() ?? ""));
            }
        }

        return new QueryRequest(level, keys) { ReturnKeys = returned };
    }

    /// <summary>A match as the response's identifier: the requested keys (empty where there is no value) and the level.</summary>
    private static DicomDataset Answer(DicomDataset result, DicomDataset identifier)
    {
        foreach (var element in identifier)
        {
            if (!result.Contains(element.Tag) && element.Tag != DicomTags.SpecificCharacterSet && !element.Tag.IsGroupLength)
            {
                result.Set(element is DicomSequence ? new DicomSequence(element.Tag) : new DicomValueElement(element.Tag, element.VR, ReadOnlyMemory<byte>.Empty));
            }
        }

        result.Set(identifier[DicomTags.QueryRetrieveLevel]!);
        return result;
    }

    private static async ValueTask RefuseAsync(DicomRequest request, DimseStatus status, string reason, CancellationToken cancellationToken)
    {
        QueryLog.Refused(request.Association.Logger, request.Association.Name, reason, status.ToString());
        await request.RespondAsync(status, errorComment: Comment(reason), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Error Comment (0000,0902) is LO: 64 characters at most.
    private static string Comment(string reason) => reason.Length <= 64 ? reason : reason[..61] + "...";
}
