using System.Globalization;
using System.Text.Json;
using Cairn.Dicom;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// Compares our DICOM JSON with DCMTK's by meaning: the same keys, the same "vr", the same values, with numbers
/// compared as numbers (DS, IS and integers as exact decimals; FL as 32-bit and FD as 64-bit floats, since DCMTK
/// prints 9 and 17 digits where we print the shortest text that reads back the same) and binary values as bytes.
/// Where DCMTK is known to differ, the difference is accepted only where that known behaviour explains it, and
/// each such case is listed in <see cref="Explained"/>:
/// <list type="bullet">
/// <item>DCMTK decodes the strings of an item with the top-level character set, ignoring the item's own
/// (0008,0005), which it copies unchanged; we decode with the item's own and write ISO_IR 192.</item>
/// <item>DCMTK prints a negative zero float as 0.</item>
/// <item>DCMTK keeps a UN element as UN where we read it as a sequence because the dictionary says SQ (CP-246);
/// such an element is compared with DCMTK's output after dcmconv +uc instead.</item>
/// <item>What <see cref="DcmtkReference"/> had to change for DCMTK to convert the file at all.</item>
/// </list>
/// </summary>
public sealed class DicomJsonComparison
{
    private readonly DcmtkReference _reference;
    private readonly List<string> _differences = [];
    private readonly List<string> _explained = [];

    private DicomJsonComparison(DcmtkReference reference)
    {
        _reference = reference;
    }

    public IReadOnlyList<string> Differences => _differences;

    public IReadOnlyList<string> Explained => _explained;

    /// <summary>An element needs DCMTK's dcmconv +uc output to be compared (see the class comment).</summary>
    public bool NeedsUnknownConverted { get; private set; }

    /// <param name="ours">Our JSON.</param>
    /// <param name="reference">DCMTK's.</param>
    /// <param name="original">The data set as we read it, for the character set each item had.</param>
    /// <param name="unknownConverted">DCMTK's JSON of a dcmconv +uc copy, once it is known to be needed.</param>
    public static DicomJsonComparison Compare(JsonElement ours, DcmtkReference reference, DicomDataset original, JsonElement? unknownConverted)
    {
        var comparison = new DicomJsonComparison(reference);
        var topCharacterSet = RawCharacterSet(original);
        comparison.CompareDataset(ours, reference.Root, original, unknownConverted, "", topCharacterSet, itemHasOwnCharacterSet: false);
        return comparison;
    }

    private void CompareDataset(JsonElement ours, JsonElement theirs, DicomDataset? original, JsonElement? converted, string path, string? topCharacterSet, bool itemHasOwnCharacterSet)
    {
        var ourKeys = ours.EnumerateObject().Select(p => p.Name).ToList();
        var theirKeys = theirs.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in ourKeys.Union(theirKeys, StringComparer.Ordinal))
        {
            var where = $"{path}{key}";
            if (_reference.PixelDataRemoved && (key == "7FE00010" || (key == "FFFCFFFC" && path.Length == 0)))
            {
                // Removed from DCMTK's copy (and the padding dropped by dcmodify); compared with dcmdump instead.
                continue;
            }

            if (!theirKeys.Contains(key))
            {
                _differences.Add($"{where}: only in ours");
                continue;
            }

            if (!ours.TryGetProperty(key, out var our))
            {
                _differences.Add($"{where}: only in DCMTK's");
                continue;
            }

            JsonElement? convertedAttribute = converted is { } c && c.TryGetProperty(key, out var ca) ? ca : null;
            CompareAttribute(key, our, theirs.GetProperty(key), original, convertedAttribute, where, topCharacterSet, itemHasOwnCharacterSet, depth: path.Length == 0 ? 0 : 1);
        }
    }

    private void CompareAttribute(string key, JsonElement ours, JsonElement theirs, DicomDataset? original, JsonElement? converted, string where, string? topCharacterSet, bool itemHasOwnCharacterSet, int depth)
    {
        var vr = ours.GetProperty("vr").GetString()!;
        var theirVR = theirs.GetProperty("vr").GetString()!;
        var tag = new DicomTag(uint.Parse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        if (vr == "SQ" && theirVR == "UN" && DicomDictionary.Lookup(tag)?.VR == DicomVR.SQ)
        {
            if (converted is not { } uc)
            {
                NeedsUnknownConverted = true;
                return;
            }

            _explained.Add($"{where}: UN in DCMTK, SQ in ours (CP-246); compared with DCMTK after dcmconv +uc");
            CompareAttribute(key, ours, uc, original, uc, where, topCharacterSet, itemHasOwnCharacterSet, depth);
            return;
        }

        if (vr != theirVR)
        {
            _differences.Add($"{where}: vr {vr} in ours, {theirVR} in DCMTK's");
            return;
        }

        if (key == "00080005" && depth > 0)
        {
            // DCMTK copies an item's (0008,0005) unchanged; ours says what the strings now are.
            if (Values(ours) is not ["ISO_IR 192"])
            {
                _differences.Add($"{where}: an item's Specific Character Set is not written as ISO_IR 192");
            }

            return;
        }

        var ourMembers = ours.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var theirMembers = theirs.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        if (!ourMembers.SequenceEqual(theirMembers))
        {
            _differences.Add($"{where}: members {string.Join(",", ourMembers)} in ours, {string.Join(",", theirMembers)} in DCMTK's");
            return;
        }

        if (ours.TryGetProperty("InlineBinary", out var ourBinary))
        {
            if (!ourBinary.GetBytesFromBase64().AsSpan().SequenceEqual(theirs.GetProperty("InlineBinary").GetBytesFromBase64()))
            {
                _differences.Add($"{where}: InlineBinary differs");
            }

            return;
        }

        if (!ours.TryGetProperty("Value", out var ourValues))
        {
            return;
        }

        var theirValues = theirs.GetProperty("Value");
        if (vr == "SQ")
        {
            CompareItems(tag, ourValues, theirValues, original, converted, where, topCharacterSet, itemHasOwnCharacterSet);
            return;
        }

        var before = _differences.Count;
        CompareValues(vr, ourValues, theirValues, where);
        if (_differences.Count > before && IsCharacterSetDependent(vr) && (_reference.CharacterSetReplaced || itemHasOwnCharacterSet))
        {
            _differences.RemoveRange(before, _differences.Count - before);
            _explained.Add(_reference.CharacterSetReplaced
                ? $"{where}: {vr} value not comparable, DCMTK read it as ISO_IR 100 (it cannot convert the file's character set)"
                : $"{where}: {vr} value differs, DCMTK decodes this item with the top-level character set, ignoring the item's own");
        }
    }

    private void CompareItems(DicomTag tag, JsonElement ours, JsonElement theirs, DicomDataset? original, JsonElement? converted, string where, string? topCharacterSet, bool inheritsOwnCharacterSet)
    {
        if (ours.GetArrayLength() != theirs.GetArrayLength())
        {
            _differences.Add($"{where}: {ours.GetArrayLength()} items in ours, {theirs.GetArrayLength()} in DCMTK's");
            return;
        }

        var originalItems = original?.Get(tag) is DicomSequence sequence ? sequence.Items : null;
        var convertedItems = converted is { } c && c.TryGetProperty("Value", out var cv) && cv.ValueKind == JsonValueKind.Array ? cv : (JsonElement?)null;
        for (var i = 0; i < ours.GetArrayLength(); i++)
        {
            var item = originalItems is not null && i < originalItems.Count ? originalItems[i] : null;
            var own = item is null ? null : RawCharacterSet(item);
            var convertedItem = convertedItems is { } ci && i < ci.GetArrayLength() ? ci[i] : (JsonElement?)null;
            // An item without its own (0008,0005) has its parent's, which DCMTK may have ignored too.
            var ownDiffers = own is not null ? own != topCharacterSet : inheritsOwnCharacterSet;
            CompareDataset(ours[i], theirs[i], item, convertedItem, $"{where}[{i}]>", topCharacterSet, ownDiffers);
        }
    }

    private void CompareValues(string vr, JsonElement ours, JsonElement theirs, string where)
    {
        if (ours.GetArrayLength() != theirs.GetArrayLength())
        {
            _differences.Add($"{where}: {ours.GetArrayLength()} values in ours, {theirs.GetArrayLength()} in DCMTK's: {ours.GetRawText()} / {theirs.GetRawText()}");
            return;
        }

        for (var i = 0; i < ours.GetArrayLength(); i++)
        {
            var our = ours[i];
            var their = theirs[i];
            if (IsNegativeZeroAgainstZero(vr, our, their))
            {
                _explained.Add($"{where}[{i}]: {vr} -0 in ours, 0 in DCMTK's, which drops the sign of a negative zero");
            }
            else if (!SameValue(vr, our, their))
            {
                _differences.Add($"{where}[{i}]: {our.GetRawText()} in ours, {their.GetRawText()} in DCMTK's");
            }
        }
    }

    /// <summary>Two values of one JSON "Value" array mean the same (see the class comment); also used by <see cref="PydicomJsonComparison"/>.</summary>
    internal static bool SameValue(string vr, JsonElement ours, JsonElement theirs)
    {
        if (ours.ValueKind != theirs.ValueKind)
        {
            return false;
        }

        switch (ours.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                return ours.GetString() == theirs.GetString();
            case JsonValueKind.Object: // PN: the same groups with the same text
                var ourGroups = ours.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Order().ToArray();
                var theirGroups = theirs.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Order().ToArray();
                return ourGroups.SequenceEqual(theirGroups);
            case JsonValueKind.Number:
                return vr switch
                {
                    "FL" => BitConverter.SingleToInt32Bits(float.Parse(ours.GetRawText(), CultureInfo.InvariantCulture))
                        == BitConverter.SingleToInt32Bits(float.Parse(theirs.GetRawText(), CultureInfo.InvariantCulture)),
                    "FD" => BitConverter.DoubleToInt64Bits(ours.GetDouble()) == BitConverter.DoubleToInt64Bits(theirs.GetDouble()),
                    _ => DecimalText.Parse(ours.GetRawText()) == DecimalText.Parse(theirs.GetRawText()),
                };
            default:
                return false;
        }
    }

    private static bool IsCharacterSetDependent(string vr) => vr is "SH" or "LO" or "ST" or "LT" or "PN" or "UC" or "UT";

    /// <summary>DCMTK prints the float -0.0 as 0; the file holds -0.0, which is what we write.</summary>
    private static bool IsNegativeZeroAgainstZero(string vr, JsonElement ours, JsonElement theirs) =>
        vr is "FL" or "FD" && ours.ValueKind == JsonValueKind.Number && theirs.ValueKind == JsonValueKind.Number
        && ours.GetRawText() == "-0" && theirs.GetDouble() == 0 && !double.IsNegative(theirs.GetDouble());

    private static string?[] Values(JsonElement attribute) =>
        attribute.TryGetProperty("Value", out var values) ? [.. values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())] : [];

    /// <summary>(0008,0005) as the file has it (not decoded), or null when absent.</summary>
    private static string? RawCharacterSet(DicomDataset dataset) =>
        dataset.Get(DicomTags.SpecificCharacterSet) is DicomValueElement element
            ? System.Text.Encoding.ASCII.GetString(element.Value.Span).Trim(' ', '\0')
            : null;
}
