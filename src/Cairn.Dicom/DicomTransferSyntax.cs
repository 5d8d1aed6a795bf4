namespace Cairn.Dicom;

/// <summary>A transfer syntax and how it encodes a data set. Instances of the standard's syntaxes are shared.</summary>
public sealed partial class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    private DicomTransferSyntax(string uid, string name, string keyword, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated, bool lossy, bool retired)
    {
        Uid = uid;
        Name = name;
        Keyword = keyword;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
        IsRetired = retired;
    }

    public string Uid { get; }

    public string Name { get; }

    public string Keyword { get; }

    public bool IsExplicitVR { get; }

    public bool IsBigEndian { get; }

    /// <summary>The data set after the File Meta Information is deflated (RFC 1951, no zlib header).</summary>
    public bool IsDeflated { get; }

    /// <summary>Pixel data is encapsulated in fragments (compressed or otherwise framed).</summary>
    public bool IsEncapsulated { get; }

    public bool IsLossy { get; }

    public bool IsRetired { get; }

    /// <summary>Whether this is one of the standard's transfer syntaxes.</summary>
    public bool IsKnown => LookupKnown(Uid) is not null;

    /// <summary>
    /// The transfer syntax of a UID. A UID outside the standard (a private syntax) is taken to be explicit VR little
    /// endian with encapsulated pixel data, as PS3.5 10.1 requires of any syntax other than the default.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return LookupKnown(trimmed)
            ?? new DicomTransferSyntax(trimmed, "Unknown transfer syntax", "", explicitVR: true, bigEndian: false, deflated: false, encapsulated: true, lossy: false, retired: false);
    }

    public bool Equals(DicomTransferSyntax? other) => other is not null && other.Uid == Uid;

    public override bool Equals(object? obj) => Equals(obj as DicomTransferSyntax);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uid);

    public override string ToString() => $"{Name} ({Uid})";
}
