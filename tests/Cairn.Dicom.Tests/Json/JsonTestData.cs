using System.Text;
using System.Text.Json;
using Cairn.Dicom.Json;

namespace Cairn.Dicom.Tests.Json;

/// <summary>Small helpers that build elements from exact bytes and write them as compact DICOM JSON.</summary>
internal static class JsonTestData
{
    public static DicomTag Private => new(0x0009, 0x1001);

    /// <summary>An element whose bytes are exactly <paramref name="latin1"/>, as a reader would have kept them.</summary>
    public static DicomValueElement Raw(uint tag, DicomVR vr, string latin1) => new(new DicomTag(tag), vr, Encoding.Latin1.GetBytes(latin1));

    public static DicomValueElement Raw(uint tag, DicomVR vr, byte[] bytes) => new(new DicomTag(tag), vr, bytes);

    public static string Compact(params DicomElement[] elements) => new DicomJsonWriter().Serialize(new DicomDataset(elements));

    /// <summary>The compact JSON of a data set with one element: {"KEY":ATTRIBUTE}.</summary>
    public static string Attribute(DicomElement element)
    {
        var json = Compact(element);
        var prefix = $"{{\"{element.Tag.ToHexString()}\":";
        Assert.StartsWith(prefix, json, StringComparison.Ordinal);
        return json[prefix.Length..^1];
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
