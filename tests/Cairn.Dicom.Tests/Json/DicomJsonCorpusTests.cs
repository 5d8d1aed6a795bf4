using System.Globalization;
using System.Text;
using System.Text.Json;
using Cairn.Dicom.IO;
using Cairn.Dicom.Json;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Dicom.Tests.Json;

public class DicomJsonCorpusTests
{
    public static TheoryData<string> Readable => Corpus.Theory(Corpus.ReadableFiles());

    [Theory]
    [MemberData(nameof(Readable))]
    public void Readable_file_survives_json_and_back(string file)
    {
        var original = DicomFile.Open(Corpus.PathOf(file)).Dataset;

        var json = new DicomJsonWriter().SerializeToUtf8Bytes(original);
        var reread = new DicomJsonReader().Read(json);

        var difference = DatasetComparer.Difference(Canonical(original), Canonical(reread));
        Assert.True(difference is null, difference);

        // The JSON is the model's: one object, valid UTF-8, keys in ascending order, "vr" first in each attribute.
        using var document = JsonDocument.Parse(json);
        AssertKeysAndVRs(document.RootElement);

        // Writing what was read gives the same JSON: nothing is lost or changed a second time.
        Assert.Equal(Encoding.UTF8.GetString(json), new DicomJsonWriter().Serialize(reread));
    }

    /// <summary>
    /// The data set as DICOM JSON can carry it, so that the original and what came back from JSON compare equal
    /// exactly when nothing but the documented differences happened: group lengths are left out; strings are
    /// Unicode, so they are compared as decoded text (re-encoded as UTF-8) and (0008,0005), which the JSON
    /// rewrites as ISO_IR 192, is left out; padding spaces, trailing empty PN components and a single empty value
    /// are not content; DS and IS values are compared as numbers, since their text is normalised ("+1.0e+01" is
    /// written 1.0e01).
    /// </summary>
    internal static DicomDataset Canonical(DicomDataset dataset)
    {
        var canonical = new DicomDataset();
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength || element.Tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }

            canonical.Set(element switch
            {
                DicomSequence sequence => new DicomSequence(sequence.Tag, sequence.Items.Select(Canonical)),
                DicomValueElement { VR.IsString: true } value => CanonicalString(dataset, value),
                _ => element,
            });
        }

        return canonical;
    }

    private static DicomValueElement CanonicalString(DicomDataset dataset, DicomValueElement element)
    {
        var vr = element.VR;
        var text = dataset.DecodeString(element);
        var values = vr.IsSingleValuedText ? [text.TrimEnd(' ')] : text.Split('\\').Select(v => CanonicalValue(v, vr)).ToArray();
        var joined = values is [""] ? "" : string.Join('\\', values);
        return new DicomValueElement(element.Tag, vr, Encoding.UTF8.GetBytes(joined));
    }

    private static string CanonicalValue(string value, DicomVR vr)
    {
        value = vr == DicomVR.UC ? value.TrimEnd(' ', '\0') : value.Trim(' ', '\0');
        if (vr == DicomVR.PN)
        {
            var name = DicomPersonName.Parse(value);
            return new DicomPersonName(name.Alphabetic.TrimEnd('^', ' '), name.Ideographic.TrimEnd('^', ' '), name.Phonetic.TrimEnd('^', ' ')).ToString();
        }

        if (vr == DicomVR.DS && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }

        if (vr == DicomVR.IS && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        return value;
    }

    private static void AssertKeysAndVRs(JsonElement dataset)
    {
        Assert.Equal(JsonValueKind.Object, dataset.ValueKind);
        string? previous = null;
        foreach (var attribute in dataset.EnumerateObject())
        {
            Assert.Matches("^[0-9A-F]{8}$", attribute.Name);
            Assert.True(previous is null || string.CompareOrdinal(previous, attribute.Name) < 0, $"{attribute.Name} follows {previous}");
            previous = attribute.Name;
            Assert.Equal("vr", attribute.Value.EnumerateObject().First().Name);
            if (attribute.Value.GetProperty("vr").GetString() == "SQ" && attribute.Value.TryGetProperty("Value", out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    AssertKeysAndVRs(item);
                }
            }
        }
    }
}
