using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Endpoints;

/// <summary>
/// Accept negotiation for WADO-RS instance retrieval: the archive answers <c>multipart/related; type="application/dicom"</c>
/// with the objects as stored. A transfer-syntax parameter is met when it is <c>*</c> or every object is stored in it.
/// Parameter values may come quoted or not (<c>type=application/dicom</c> is common, though not a token).
/// </summary>
public static class WadoAccept
{
    public const string DicomMediaType = "application/dicom";

    /// <summary>Null when the request accepts what is sent, else why not (for the 406 answer).</summary>
    public static string? Problem(StringValues accept, IReadOnlyCollection<string> storedTransferSyntaxes)
    {
        var ranges = accept.SelectMany(a => (a ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (ranges.Count == 0)
        {
            return null;
        }

        foreach (var range in ranges)
        {
            var fields = range.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var type = fields.Length > 0 ? fields[0] : "";
            var parameters = fields.Skip(1)
                .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0].ToLowerInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()[1].Trim('"'), StringComparer.Ordinal);
            if (parameters.TryGetValue("q", out var q) && q.Trim() is "0" or "0.0" or "0.00" or "0.000")
            {
                continue;
            }

            if (type is "*/*" or "multipart/*")
            {
                return null;
            }

            if (!type.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var partType = parameters.GetValueOrDefault("type");
            var syntax = parameters.GetValueOrDefault("transfer-syntax");
            if ((partType is null || partType.Equals(DicomMediaType, StringComparison.OrdinalIgnoreCase))
                && (syntax is null or "*" || storedTransferSyntaxes.All(s => s == syntax)))
            {
                return null;
            }
        }

        return $"Accept: '{accept}' does not allow multipart/related; type=\"{DicomMediaType}\" with the objects' stored transfer syntaxes ({string.Join(", ", storedTransferSyntaxes)})";
    }
}
