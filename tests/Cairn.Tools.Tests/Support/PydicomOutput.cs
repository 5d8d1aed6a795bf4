using System.Text.Json;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// What Oracles/pydicom_to_json.py wrote for one file: pydicom's DICOM JSON of its data set, or why pydicom could
/// not read it.
/// </summary>
/// <param name="File">The path the script was given.</param>
/// <param name="Forced">pydicom read the file with force=True (done only when it has no File Meta Information).</param>
/// <param name="Dataset">Dataset.to_json_dict(), with every binary value inline; null when <paramref name="Error"/> is set.</param>
/// <param name="Dropped">Top-level elements pydicom read but could not convert to JSON: tag (GGGGEEEE) to pydicom's error.</param>
/// <param name="Warnings">The warnings pydicom gave while reading and converting.</param>
/// <param name="Error">Why pydicom could not read the file at all; null when it could.</param>
public sealed record PydicomOutput(
    string File,
    bool Forced,
    JsonElement? Dataset,
    IReadOnlyDictionary<string, string> Dropped,
    IReadOnlyList<string> Warnings,
    string? Error);
