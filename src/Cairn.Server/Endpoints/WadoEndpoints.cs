using System.Globalization;
using System.Text;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Storage;
using Cairn.Dicom;

namespace Cairn.Server.Endpoints;

/// <summary>
/// WADO-RS retrieval of stored objects, as dcm4chee-arc serves it under <c>/dcm4chee-arc/aets/{AET}/rs</c>: a study,
/// a series or one instance as <c>multipart/related; type="application/dicom"</c>, one part per stored file, streamed
/// from disk.
/// </summary>
public static class WadoEndpoints
{
    public static IEndpointRouteBuilder MapWadoEndpoints(this IEndpointRouteBuilder app)
    {
        var rs = app.MapGroup("/dcm4chee-arc/aets/{aet}/rs");
        rs.MapGet("/studies/{study}", (string aet, string study, HttpContext http, WadoServices services, CancellationToken cancellationToken) =>
            RetrieveAsync(aet, study, null, null, http, services, cancellationToken));
        rs.MapGet("/studies/{study}/series/{series}", (string aet, string study, string series, HttpContext http, WadoServices services, CancellationToken cancellationToken) =>
            RetrieveAsync(aet, study, series, null, http, services, cancellationToken));
        rs.MapGet("/studies/{study}/series/{series}/instances/{instance}", (string aet, string study, string series, string instance, HttpContext http, WadoServices services, CancellationToken cancellationToken) =>
            RetrieveAsync(aet, study, series, instance, http, services, cancellationToken));
        return app;
    }

    private static async Task<IResult> RetrieveAsync(string aet, string study, string? series, string? instance, HttpContext http, WadoServices services, CancellationToken cancellationToken)
    {
        if (services.Configuration.Current.FindLocalAE(aet) is null)
        {
            return ConfigurationEndpoints.NotFound($"No such Application Entity: {aet}");
        }

        if ((InvalidUid("Study Instance UID", study) ?? InvalidUid("Series Instance UID", series) ?? InvalidUid("SOP Instance UID", instance)) is { } invalid)
        {
            return ConfigurationEndpoints.BadRequest(invalid);
        }

        var instances = await services.Locator.FindAsync(RetrieveKeys.For(study, series, instance), cancellationToken).ConfigureAwait(false);
        if (instances.Count == 0)
        {
            return ConfigurationEndpoints.NotFound(instance is not null ? $"No such instance: {instance} in series {series} of study {study}"
                : series is not null ? $"No such series: {series} in study {study}"
                : $"No such study: {study}");
        }

        if (WadoAccept.Problem(http.Request.Headers.Accept, [.. instances.Select(i => i.TransferSyntaxUid).Distinct(StringComparer.Ordinal)]) is { } unacceptable)
        {
            return ConfigurationEndpoints.Error(406, unacceptable);
        }

        services.Metrics.Retrieve();
        var boundary = Guid.NewGuid().ToString("N");
        return Results.Stream(
            body => WriteMultipartAsync(body, boundary, instances, services.Storage, cancellationToken),
            $"multipart/related; type=\"{WadoAccept.DicomMediaType}\"; boundary={boundary}");
    }

    private static async Task WriteMultipartAsync(Stream body, string boundary, IReadOnlyList<StoredInstance> instances, FileStorage storage, CancellationToken cancellationToken)
    {
        foreach (var instance in instances)
        {
            var file = storage.OpenRead(instance.StoragePath);
            await using (file.ConfigureAwait(false))
            {
                var header = string.Create(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: {WadoAccept.DicomMediaType}\r\nContent-Length: {file.Length}\r\n\r\n");
                await body.WriteAsync(Encoding.ASCII.GetBytes(header), cancellationToken).ConfigureAwait(false);
                await file.CopyToAsync(body, 64 * 1024, cancellationToken).ConfigureAwait(false);
                await body.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }
        }

        await body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), cancellationToken).ConfigureAwait(false);
    }

    private static string? InvalidUid(string name, string? uid) =>
        uid is not null && DicomValueValidator.CheckUid(uid) is { } problem ? $"{name} '{uid}' is not a valid UID: {problem}" : null;
}
