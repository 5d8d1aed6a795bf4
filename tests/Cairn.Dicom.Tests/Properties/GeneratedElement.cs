namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// A generated element: a standard tag whose dictionary VR is the value's VR, or null for a private element, which
/// gets the next free offset in the test's private block when the data set is built.
/// </summary>
public sealed record GeneratedElement(DicomTag? Tag, GeneratedValue Value)
{
    public bool IsPrivate => Tag is null;

    public override string ToString() => $"{(Tag is { } tag ? tag.ToString() : "private")} {Value}";
}
