namespace Cairn.Dicom.IO;

/// <summary>The two properties of a transfer syntax that decide how a data set's bytes are laid out.</summary>
public readonly record struct DicomEncoding(bool ExplicitVR, bool BigEndian)
{
    public static DicomEncoding ImplicitLittleEndian => new(false, false);

    public static DicomEncoding ExplicitLittleEndian => new(true, false);

    public static DicomEncoding ExplicitBigEndian => new(true, true);

    public static DicomEncoding Of(DicomTransferSyntax syntax) => new(syntax.IsExplicitVR, syntax.IsBigEndian);

    public override string ToString() => (ExplicitVR ? "explicit VR " : "implicit VR ") + (BigEndian ? "big endian" : "little endian");
}
