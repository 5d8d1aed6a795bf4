namespace Cairn.Dicom;

/// <summary>
/// An element with a value held as its encoded bytes in little endian order (big endian input is swapped on read),
/// so that reading never decodes what nobody asks for and large values are slices of the input, not copies.
/// The bytes are kept as read, padding included; the typed accessors of <see cref="DicomDataset"/> decode them.
/// </summary>
public sealed class DicomValueElement : DicomElement
{
    public DicomValueElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value)
        : base(tag, vr)
    {
        if (vr.IsSequence)
        {
            throw new ArgumentException($"{tag} SQ holds items, not bytes; use DicomSequence.", nameof(vr));
        }

        Value = value;
    }

    public ReadOnlyMemory<byte> Value { get; }

    public int Length => Value.Length;

    public bool IsEmpty => Value.IsEmpty;
}
