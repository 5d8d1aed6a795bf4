namespace Cairn.Dicom;

/// <summary>How Cairn identifies itself in File Meta Information and association negotiation.</summary>
public static class CairnImplementation
{
    /// <summary>A UUID-derived UID (PS3.5 B.2), fixed for Cairn; it names the implementation, not a version.</summary>
    public const string ClassUid = "2.25.295473875031475028269614243015519663377";

    /// <summary>At most 16 characters (SH).</summary>
    public const string VersionName = "CAIRN_0.1";
}
