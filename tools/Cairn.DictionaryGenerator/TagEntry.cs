using System.Globalization;

namespace Cairn.DictionaryGenerator;

/// <summary>One row of the data dictionary, with repeating-group "x" digits turned into a value and a mask.</summary>
internal sealed record TagEntry(uint Tag, uint Mask, string TagText, string Keyword, string Name, string VRText, string DefaultVR, string VM, bool Retired)
{
    public static TagEntry From(AttributeRow row)
    {
        var hex = row.Tag.Trim('(', ')').Replace(",", "", StringComparison.Ordinal);
        uint value = 0, mask = 0;
        foreach (var c in hex)
        {
            value <<= 4;
            mask <<= 4;
            if (c is not ('x' or 'X'))
            {
                value |= uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                mask |= 0xF;
            }
        }

        var vrText = row.VR.Length == 0 || row.VR.StartsWith("See", StringComparison.Ordinal) ? "UN" : row.VR;
        return new TagEntry(value, mask, row.Tag.ToUpperInvariant(), row.Keyword, row.Name, vrText, DefaultVROf(vrText), row.VM.Length == 0 ? "1" : row.VM, row.Retired == "Y");
    }

    /// <summary>
    /// The VR an implicit VR reader gives an element that the standard allows several for: OW where OW is allowed
    /// (pixel data, LUT data, PS3.5 A.1 (c)), else the first; "US or SS" is refined by Pixel Representation at read time.
    /// </summary>
    private static string DefaultVROf(string vrText) =>
        vrText.Length == 2 ? vrText : vrText.Contains("OW", StringComparison.Ordinal) ? "OW" : vrText[..2];
}
