namespace Cairn.Dicom.Tests.Properties;

/// <summary>A sequence of items, each a list of generated elements (an empty list is an empty item).</summary>
public sealed class SequenceValue : GeneratedValue
{
    public SequenceValue(IReadOnlyList<IReadOnlyList<GeneratedElement>> items)
        : base(DicomVR.SQ)
    {
        Items = items;
    }

    public IReadOnlyList<IReadOnlyList<GeneratedElement>> Items { get; }

    public override void AddTo(DicomDataset dataset, DicomTag tag)
    {
        // The items join the data set before they are filled, so that their strings are encoded in the
        // character set they inherit.
        var items = Items.Select(_ => new DicomDataset()).ToArray();
        dataset.Add(tag, items);
        for (var i = 0; i < items.Length; i++)
        {
            RoundTrip.Fill(items[i], Items[i]);
        }
    }

    public override void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg)
    {
        var sequence = read.GetSequence(tag);
        Assert.NotNull(sequence);
        Assert.Equal(Items.Count, sequence.Items.Count);
        for (var i = 0; i < Items.Count; i++)
        {
            RoundTrip.Verify(Items[i], sequence.Items[i], leg, []);
        }
    }

    public override string ToString() => $"SQ [{string.Join(" | ", Items.Select(i => string.Join(", ", i)))}]";
}
