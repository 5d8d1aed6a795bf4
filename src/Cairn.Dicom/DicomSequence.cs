namespace Cairn.Dicom;

/// <summary>A sequence of items, each a data set that inherits its parent's Specific Character Set.</summary>
public sealed class DicomSequence : DicomElement
{
    private readonly List<DicomDataset> _items = [];

    public DicomSequence(DicomTag tag, params IEnumerable<DicomDataset> items)
        : base(tag, DicomVR.SQ)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    public IReadOnlyList<DicomDataset> Items => _items;

    public void Add(DicomDataset item)
    {
        _items.Add(item);
        item.Parent = this;

        // What the item inherits has changed with its new parent.
        item.InvalidateCharacterSet();
    }

    /// <summary>The data set this sequence belongs to, once it has been added to one.</summary>
    public DicomDataset? Owner { get; internal set; }
}
