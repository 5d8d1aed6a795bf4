namespace Cairn.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table and the fragments exactly as they were encoded.
/// No codec is involved; the bytes pass through untouched.
/// </summary>
public sealed class DicomFragments : DicomElement
{
    public DicomFragments(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> offsetTable, params IEnumerable<ReadOnlyMemory<byte>> fragments)
        : base(tag, vr)
    {
        OffsetTable = offsetTable;
        Fragments = [.. fragments];
    }

    /// <summary>The first item's bytes: frame offsets as 32-bit little endian numbers, or empty.</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }
}
