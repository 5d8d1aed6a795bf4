using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.DictionaryGenerator;

/// <summary>The rows of the standard's JSON files, as they are spelled there.</summary>
internal static class StandardData
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static List<T> Load<T>(string directory, string file) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(directory, file)), Options)
        ?? throw new InvalidDataException($"{file} holds no list.");
}

internal sealed record AttributeRow(
    string Tag,
    string Name,
    string Keyword,
    [property: JsonPropertyName("valueRepresentation")] string VR,
    [property: JsonPropertyName("valueMultiplicity")] string VM,
    string? Retired);

internal sealed record UidRow(string Uid, string Name, string Type, string? Info, bool Retired, string Keyword);

internal sealed record SopRow(string Id, string Name, string Ciod);
