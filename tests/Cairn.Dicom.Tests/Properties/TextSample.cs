namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// One generated string value: as given to Add, as GetStrings must return it (padding and insignificant spaces
/// removed, as the VR defines), and its typed meaning (DateOnly, TimeOnly, DateTimeSample, double, long,
/// DicomPersonName) or null when it has none.
/// </summary>
public sealed record TextSample(string Raw, string Expected, object? Typed)
{
    public override string ToString() => $"'{Raw}'";
}
