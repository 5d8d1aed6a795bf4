using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Accept negotiation for WADO-RS instance retrieval: the archive answers <c>multipart/related; type="application/dicom"</c>
/// with the objects as stored. A transfer-syntax parameter is met when it is <c>*</c> or every object is stored in it.
/// </summary>
public static class WadoAccept
{
    public const string DicomMediaType = "application/dicom";

    /// <summary>Null when the request accepts what is sent, else why not (for the 406 answer).</summary>
    public static string? Problem(StringValues accept, IReadOnlyCollection<string> storedTransferSyntaxes)
    {
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return $"Accept: '{accept}' cannot be parsed";
        }

        foreach (var range in ranges)
        {
            if (range.Quality is 0)
            {
                continue;
            }

            var type = range.MediaType.Value ?? "";
            if (type is "*/*" or "multipart/*")
            {
                return null;
            }

            if (!type.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var partType = Parameter(range, "type");
            var syntax = Parameter(range, "transfer-syntax");
            if ((partType is null || partType.Equals(DicomMediaType, StringComparison.OrdinalIgnoreCase))
                && (syntax is null or "*" || storedTransferSyntaxes.All(s => s == syntax)))
            {
                return null;
            }
        }

        return $"Accept: '{accept}' does not allow multipart/related; type=\"{DicomMediaType}\" with the objects' stored transfer syntaxes ({string.Join(", ", storedTransferSyntaxes)})";
    }

    private static string? Parameter(MediaTypeHeaderValue range, string name) =>
        range.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } p
            ? HeaderUtilities.RemoveQuotes(p.Value).Value
            : null;
}
