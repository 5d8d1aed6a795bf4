namespace Cairn.Dicom.Tests.Properties;

/// <summary>AT values, added as tags or as their text ("(gggg,eeee)" or "ggggeeee").</summary>
public sealed class TagValue : GeneratedValue
{
    public TagValue(DicomTag[] tags, bool asText)
        : base(DicomVR.AT)
    {
        Tags = tags;
        AsText = asText;
    }

    public DicomTag[] Tags { get; }

    public bool AsText { get; }

    public override void AddTo(DicomDataset dataset, DicomTag tag)
    {
        if (AsText)
        {
            dataset.Add(tag, DicomVR.AT, [.. Tags.Select((t, i) => i % 2 == 0 ? t.ToString() : t.ToHexString())]);
        }
        else
        {
            dataset.Add(tag, Tags);
        }
    }

    public override void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg) => Assert.Equal(Tags, read.GetTags(tag));

    public override string ToString() => $"AT{(AsText ? " text" : "")} [{string.Join(", ", Tags)}]";
}
