using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>Source-generated JSON for the configuration: unknown attributes are refused, not ignored.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ArchiveDevice))]
[JsonSerializable(typeof(RemoteAE))]
[JsonSerializable(typeof(List<RemoteAE>))]
public sealed partial class ArchiveJsonContext : JsonSerializerContext;
