using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Cairn.Archive.Configuration;

/// <summary>
/// JSON options for the configuration: unknown attributes are refused, not ignored; comments and trailing commas
/// are allowed in a seed file. Reflection-based on purpose: the source generator sets every init-only property in
/// its object initializer, so an attribute left out would be null instead of its default.
/// </summary>
public static class ArchiveJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
