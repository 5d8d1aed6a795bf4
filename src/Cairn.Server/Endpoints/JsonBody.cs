using System.Text.Json;

namespace Cairn.Server.Endpoints;

/// <summary>JSON answers written straight to the response (no reflection: the host is trimmed-friendly).</summary>
internal static class JsonBody
{
    public static IResult Write(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK) =>
        new Result(write, statusCode);

    public static IResult Count(long count, int statusCode = StatusCodes.Status200OK) =>
        Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }, statusCode);

    private sealed class Result(Action<Utf8JsonWriter> write, int statusCode) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(httpContext.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            write(json);
            await json.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
