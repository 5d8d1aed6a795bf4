using Cairn.Archive.Configuration;
using Cairn.Archive.Ian;
using Cairn.Archive.Index;
using Cairn.Archive.Query;
using Cairn.Archive.Requests;
using Cairn.Archive.Tasks;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Server.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>
/// IAN-RS: an Instance Availability Notification of stored data, with the Retrieve AE Titles and availability the
/// index holds for each instance (no exporter overrides). <c>…/ian/dicom:{IANSCP}</c> on a study, series or instance
/// sends it at once (200 on Success, else 502, with the N-CREATE status); <c>…/ian/{IANSCP}</c> on a QIDO resource
/// queues one IAN task per match (202 <c>{"count":n}</c>), the IAN covering the study, or the matched series at series
/// and instance level (several matched instances of one series make one IAN).
/// </summary>
public static class IanRsEndpoints
{
    private const string DicomPrefix = "dicom:";

    public static IEndpointRouteBuilder MapIanRsEndpoints(this IEndpointRouteBuilder app)
    {
        var rs = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");

        // The synchronous form's last segment is dicom:{IANSCP}; the queued one names the IAN SCP alone.
        rs.MapPost("/studies/{study}/ian/{ianscp}", (string aet, string study, string ianscp, HttpContext http) =>
            ianscp.StartsWith(DicomPrefix, StringComparison.Ordinal)
                ? SendAsync(http, aet, new IanScope(study), ianscp[DicomPrefix.Length..])
                : Task.FromResult(ConfigurationEndpoints.NotFound($"IAN of one study is sent at once: use ian/dicom:{ianscp}")));
        rs.MapPost("/studies/{study}/series/{series}/ian/{ianscp}", (string aet, string study, string series, string ianscp, HttpContext http) =>
            ianscp.StartsWith(DicomPrefix, StringComparison.Ordinal)
                ? SendAsync(http, aet, new IanScope(study, series), ianscp[DicomPrefix.Length..])
                : Task.FromResult(ConfigurationEndpoints.NotFound($"IAN of one series is sent at once: use ian/dicom:{ianscp}")));
        rs.MapPost("/studies/{study}/series/{series}/instances/{instance}/ian/{ianscp}", (string aet, string study, string series, string instance, string ianscp, HttpContext http) =>
            ianscp.StartsWith(DicomPrefix, StringComparison.Ordinal)
                ? SendAsync(http, aet, new IanScope(study, series, instance), ianscp[DicomPrefix.Length..])
                : Task.FromResult(ConfigurationEndpoints.NotFound($"IAN of one instance is sent at once: use ian/dicom:{ianscp}")));

        rs.MapPost("/studies/ian/{ianscp}", (string aet, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Study, null, null, ianscp));
        rs.MapPost("/series/ian/{ianscp}", (string aet, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Series, null, null, ianscp));
        rs.MapPost("/studies/{study}/series/ian/{ianscp}", (string aet, string study, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Series, study, null, ianscp));
        rs.MapPost("/instances/ian/{ianscp}", (string aet, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Image, null, null, ianscp));
        rs.MapPost("/studies/{study}/instances/ian/{ianscp}", (string aet, string study, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Image, study, null, ianscp));
        rs.MapPost("/studies/{study}/series/{series}/instances/ian/{ianscp}", (string aet, string study, string series, string ianscp, HttpContext http) => QueueAsync(http, aet, QueryLevel.Image, study, series, ianscp));
        return app;
    }

    private static async Task<IResult> SendAsync(HttpContext http, string aet, IanScope scope, string ianscp)
    {
        var services = http.RequestServices;
        var device = services.GetRequiredService<ConfigurationStore>().Current;
        if (device.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
        }

        if (device.FindRemoteAE(ianscp) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such IAN SCP: {ianscp}");
        }

        foreach (var (name, uid) in new[] { ("StudyInstanceUID", scope.Study), ("SeriesInstanceUID", scope.Series), ("SOPInstanceUID", scope.Sop) })
        {
            if (uid is not null && DicomValueValidator.CheckUid(uid) is { } problem)
            {
                return ConfigurationEndpoints.BadRequest($"{name}: '{uid}' {problem}");
            }
        }

        var cancellationToken = http.RequestAborted;
        (DicomDataset Dataset, int Instances)? ian;
        await using (var connection = await services.GetRequiredService<IndexDatabase>().OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            ian = await IanTasks.BuildAsync(connection, null, scope, [], null, null, cancellationToken).ConfigureAwait(false);
        }

        if (ian is not { } built)
        {
            return ConfigurationEndpoints.NotFound(scope.Sop is not null ? $"No such instance: {scope.Sop}" : scope.Series is not null ? $"No such series: {scope.Series}" : $"No such study: {scope.Study}");
        }

        var result = await services.GetRequiredService<IanSender>().SendAsync(aet, ianscp, DicomUidGenerator.New(), built.Dataset, cancellationToken).ConfigureAwait(false);
        return JsonBody.Write(
            json =>
            {
                json.WriteStartObject();
                if (result.Status is { } status)
                {
                    json.WriteString("status", status.Code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }

                if (!result.Succeeded)
                {
                    json.WriteString("error", result.Message);
                }

                json.WriteNumber("instances", built.Instances);
                json.WriteEndObject();
            },
            result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> QueueAsync(HttpContext http, string aet, QueryLevel level, string? study, string? series, string ianscp)
    {
        var services = http.RequestServices;
        var device = services.GetRequiredService<ConfigurationStore>().Current;
        if (device.FindRemoteAE(ianscp) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such IAN SCP: {ianscp}");
        }

        DateTimeOffset? scheduled;
        try
        {
            scheduled = TaskQueryParameters.ScheduledTime(http.Request.Query);
        }
        catch (ArgumentException e)
        {
            return ConfigurationEndpoints.BadRequest(e.Message);
        }

        var cancellationToken = http.RequestAborted;
        IReadOnlyList<MatchedEntity> matches;
        try
        {
            matches = await services.GetRequiredService<MatchFinder>().FindAsync(
                aet, level, study, series, http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray())), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestRefusedException e)
        {
            return ExportResponses.Refused(e);
        }

        var scopes = matches.Select(m => new IanScope(m.Study, m.Series)).Distinct().ToList();
        var tasks = services.GetRequiredService<TaskStore>();
        var created = new List<QueueTask>();
        await using (var connection = await services.GetRequiredService<IndexDatabase>().OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var scope in scopes)
            {
                if (await IanTasks.BuildAsync(connection, transaction, scope, [], null, null, cancellationToken).ConfigureAwait(false) is not { } ian)
                {
                    continue;
                }

                created.Add(await tasks.CreateAsync(
                    connection,
                    transaction,
                    new NewTask
                    {
                        Queue = IanTasks.Queue,
                        Type = IanTasks.Type,
                        ScheduledTime = scheduled,
                        LocalAET = aet,
                        RemoteAET = ianscp,
                        StudyInstanceUid = scope.Study,
                        SeriesInstanceUid = scope.Series,
                        SopInstanceUid = DicomUidGenerator.New(),
                        NumberOfInstances = ian.Instances,
                        Payload = DicomDatasetSerializer.Encode(ian.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian),
                        BatchId = BatchId(http),
                        RequesterUserId = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null,
                        RequesterHost = http.Connection.RemoteIpAddress?.ToString(),
                        RequestUri = http.Request.Path + http.Request.QueryString,
                    },
                    cancellationToken).ConfigureAwait(false));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var task in created)
        {
            tasks.WakeIfDue(task);
        }

        return JsonBody.Count(created.Count, StatusCodes.Status202Accepted);
    }

    internal static string? BatchId(HttpContext http) =>
        http.Request.Query["batchID"].ToString() is { Length: > 0 } batch ? batch : null;
}
