using Cairn.Archive.Configuration;

namespace Cairn.Server.Endpoints;

/// <summary>
/// The configuration over REST, in dcm4che attribute names: the device as one document
/// (<c>/dcm4chee-arc/devices/{name}</c>, GET and PUT) and the AEs one by one (<c>/dcm4chee-arc/aes</c>; PUT and
/// DELETE change the registry of remote AEs). A change is validated first; a bad one is a 400 naming what is wrong.
/// </summary>
public static class ConfigurationEndpoints
{
    public static IEndpointRouteBuilder MapConfigurationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dcm4chee-arc");
        api.MapGet("/devices", (ConfigurationStore store) =>
            Results.Json(new List<DeviceListItem> { new(store.Current.DeviceName, store.Current.Description) }, ServerJsonContext.Relaxed.ListDeviceListItem));

        api.MapGet("/devices/{name}", (string name, ConfigurationStore store, HttpContext http) =>
        {
            var device = store.Current;
            if (device.DeviceName != name)
            {
                return NotFound($"No such device: {name}");
            }

            http.Response.Headers.ETag = $"\"{store.Version}\"";
            return Results.Text(ConfigurationJson.Write(device), "application/json; charset=utf-8");
        });

        api.MapPut("/devices/{name}", async (string name, ConfigurationStore store, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (store.Current.DeviceName != name)
            {
                return NotFound($"No such device: {name}");
            }

            var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            long? expected = null;
            if (request.Headers.IfMatch is { Count: > 0 } ifMatch)
            {
                if (!long.TryParse(ifMatch[0]!.Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var version))
                {
                    return BadRequest($"If-Match: '{ifMatch[0]}' is not a configuration version");
                }

                expected = version;
            }

            try
            {
                var device = ConfigurationJson.ParseDevice(body, "the request body");
                if (device.DeviceName != name)
                {
                    return BadRequest($"dicomDeviceName: '{device.DeviceName}' differs from the device in the path, '{name}'");
                }

                await store.SaveAsync(device, expected, cancellationToken).ConfigureAwait(false);
                return Results.NoContent();
            }
            catch (ConfigurationException e)
            {
                return BadRequest(e.Message);
            }
            catch (ConfigurationConflictException e)
            {
                return Results.Json(new ErrorBody(e.Message), ServerJsonContext.Relaxed.ErrorBody, statusCode: 409);
            }
        });

        api.MapGet("/aes", (ConfigurationStore store) =>
        {
            var device = store.Current;
            var dicom = device.FindConnection("dicom");
            var list = device.ApplicationEntities
                .Select(ae => new AEListItem(ae.AETitle, ae.Description, device.DeviceName, dicom?.Hostname, dicom?.Port ?? 0, dicom?.TlsCipherSuites))
                .Concat(device.RemoteApplicationEntities.Select(ae => new AEListItem(ae.AETitle, ae.Description, null, ae.Hostname, ae.Port, ae.TlsCipherSuites)))
                .ToList();
            return Results.Json(list, ServerJsonContext.Relaxed.ListAEListItem);
        });

        api.MapGet("/aes/{aet}", (string aet, ConfigurationStore store) =>
            store.Current.FindRemoteAE(aet) is { } remote
                ? Results.Text(ConfigurationJson.Write(remote), "application/json; charset=utf-8")
                : NotFound($"No such remote AE: {aet}"));

        api.MapPut("/aes/{aet}", async (string aet, ConfigurationStore store, ConfigurationEditor editor, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            RemoteAE ae;
            try
            {
                ae = ConfigurationJson.ParseRemoteAE(body, "the request body");
            }
            catch (ConfigurationException e)
            {
                return BadRequest(e.Message);
            }

            if (ae.AETitle.Length == 0)
            {
                ae = ae with { AETitle = aet };
            }
            else if (ae.AETitle != aet)
            {
                return BadRequest($"dicomAETitle: '{ae.AETitle}' differs from the AE in the path, '{aet}'");
            }

            var existed = store.Current.FindRemoteAE(aet) is not null;
            var edit = await editor.PutRemoteAEAsync(ae, null, null, cancellationToken).ConfigureAwait(false);
            return !edit.Saved ? Refused(edit)
                : existed ? Results.NoContent()
                : Results.Text(ConfigurationJson.Write(ae), "application/json; charset=utf-8", statusCode: 201);
        });

        api.MapDelete("/aes/{aet}", async (string aet, ConfigurationStore store, ConfigurationEditor editor, CancellationToken cancellationToken) =>
        {
            if (store.Current.FindRemoteAE(aet) is null && store.Current.FindLocalAE(aet) is null)
            {
                return NotFound($"No such remote AE: {aet}");
            }

            // Refused while an exporter or a rule still names it: the message says which, and the AE is kept.
            var edit = await editor.DeleteRemoteAEAsync(aet, null, cancellationToken).ConfigureAwait(false);
            return edit.Saved ? Results.NoContent() : Refused(edit);
        });

        return app;
    }

    /// <summary>A change the editor refused: 409 when someone saved first, else 400 listing every problem.</summary>
    internal static IResult Refused(ConfigurationEdit edit) =>
        edit.Conflict is { } conflict
            ? Error(StatusCodes.Status409Conflict, conflict)
            : BadRequest($"the configuration: {string.Join("; ", edit.Problems)}");

    internal static IResult NotFound(string message) => Results.Json(new ErrorBody(message), ServerJsonContext.Relaxed.ErrorBody, statusCode: 404);

    internal static IResult Error(int statusCode, string message) => Results.Json(new ErrorBody(message), ServerJsonContext.Relaxed.ErrorBody, statusCode: statusCode);

    internal static IResult BadRequest(string message) => Results.Json(new ErrorBody(message), ServerJsonContext.Relaxed.ErrorBody, statusCode: 400);
}
