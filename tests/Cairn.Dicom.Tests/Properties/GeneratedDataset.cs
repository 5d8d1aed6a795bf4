namespace Cairn.Dicom.Tests.Properties;

/// <summary>A generated data set: UTF-8 (ISO_IR 192) or the default repertoire, and its elements.</summary>
public sealed record GeneratedDataset(bool Utf8, IReadOnlyList<GeneratedElement> Elements)
{
    public override string ToString() => $"{(Utf8 ? "ISO_IR 192" : "default repertoire")}: [{string.Join(", ", Elements)}]";
}
