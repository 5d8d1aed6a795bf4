using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>What a C-STORE of a SOP Instance UID that is already stored does (dcm4che <c>dcmOverwritePolicy</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverwritePolicy>))]
public enum OverwritePolicy
{
    /// <summary>Keep the first; answer success and log the duplicate.</summary>
    [JsonStringEnumMemberName("NEVER")]
    Never,

    /// <summary>Replace the stored instance with the new one.</summary>
    [JsonStringEnumMemberName("ALWAYS")]
    Always,

    /// <summary>Replace only when the same AE sends it again; otherwise keep the first.</summary>
    [JsonStringEnumMemberName("SAME_SOURCE")]
    SameSource,
}
