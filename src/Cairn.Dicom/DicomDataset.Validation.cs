namespace Cairn.Dicom;

// Checking what was read: a lenient reader keeps every value; this says which ones their VR does not allow.
public sealed partial class DicomDataset
{
    /// <summary>
    /// Every value here and in nested items that does not satisfy its VR (PS3.5 6.2), as messages that name the
    /// element (with its item path) and the problem. Nothing is changed.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Validate(problems, "");
        return problems;
    }

    private void Validate(List<string> problems, string path)
    {
        foreach (var element in this)
        {
            switch (element)
            {
                case DicomSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        sequence.Items[i].Validate(problems, $"{path}{sequence.Tag}[{i}]>");
                    }

                    break;
                case DicomValueElement { VR.IsString: true } value when !value.Tag.IsGroupLength:
                    var values = value.VR.IsSingleValuedText ? [DecodeString(value)] : DecodeString(value).Split('\\');
                    foreach (var text in values)
                    {
                        var trimmed = value.VR.IsSingleValuedText ? text : text.Trim(' ', '\0');
                        if (DicomValueValidator.Check(value.VR, trimmed) is { } problem)
                        {
                            problems.Add($"{path}{value.Tag} {value.VR} value '{trimmed}': {problem}");
                        }
                    }

                    break;
                case DicomValueElement value when value.VR.ValueSize > 1 && value.Length % value.VR.ValueSize != 0:
                    problems.Add($"{path}{value.Tag} {value.VR}: {value.Length} bytes is not a whole number of {value.VR.ValueSize}-byte values");
                    break;
            }
        }
    }
}
