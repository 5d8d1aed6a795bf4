using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Cairn.Server.Ui;

/// <summary>
/// The UI's style sheet and script, compiled into the archive (no web root to deploy or lose), served under
/// <c>/static/</c> with a content hash in their address so that browsers may keep them for good.
/// </summary>
public static class UiAssets
{
    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The address of <paramref name="name"/>, versioned by its content.</summary>
    public static string Url(string name) => $"/static/{name}?v={Assets[name].Version}";

    public static IEndpointRouteBuilder MapUiAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/static/{name}", (string name, HttpContext http) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var etag = $"\"{asset.Version}\"";
            http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            http.Response.Headers.ETag = etag;
            return http.Request.Headers.IfNoneMatch == etag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        });
        return app;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("cairn.css", "text/css; charset=utf-8"), ("cairn.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream($"Cairn.Server.Ui.{name}")
                ?? throw new InvalidOperationException($"the UI asset {name} is not in the assembly");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            assets[name] = new Asset(content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version);
}
