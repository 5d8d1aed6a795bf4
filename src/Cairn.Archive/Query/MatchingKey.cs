using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// One matching key: an attribute and the value it must match (PS3.4 C.2.2.2), as text: single value, wildcard
/// (<c>*</c>, <c>?</c>), range (<c>a-b</c>, <c>a-</c>, <c>-b</c> for DA, TM, DT) or a UID list (backslashes).
/// </summary>
public sealed record MatchingKey(DicomTag Tag, DicomVR VR, string Value)
{
    /// <summary>Empty or <c>*</c>: matches everything (universal matching), so it filters nothing.</summary>
    public bool IsUniversal => Value.Length == 0 || Value == "*";

    public bool HasWildcard => VR != DicomVR.UI && Value.AsSpan().IndexOfAny('*', '?') >= 0;

    public bool IsRange => (VR == DicomVR.DA || VR == DicomVR.TM || VR == DicomVR.DT) && Value.Contains('-', StringComparison.Ordinal);
}
