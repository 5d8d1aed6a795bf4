namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// A generated value of one VR: how it goes into a data set through the strict creation API, and what the typed
/// getters must give back after it has been written and read.
/// </summary>
public abstract class GeneratedValue
{
    protected GeneratedValue(DicomVR vr)
    {
        VR = vr;
    }

    public DicomVR VR { get; }

    /// <summary>Adds the value under <paramref name="tag"/> with Add, AddValues, AddBytes or Add(tag, items).</summary>
    public abstract void AddTo(DicomDataset dataset, DicomTag tag);

    /// <summary>Asserts that <paramref name="read"/> gives the value back under <paramref name="tag"/>.</summary>
    public abstract void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg);
}
