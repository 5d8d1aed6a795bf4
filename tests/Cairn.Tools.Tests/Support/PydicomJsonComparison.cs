using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Json;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// Compares our DICOM JSON with pydicom 2.3's Dataset.to_json_dict() by meaning: the same keys, the same "vr",
/// the same values, numbers compared as numbers (IS and binary integers as exact decimals, FL as 32-bit and FD as
/// 64-bit floats) and binary values as bytes. pydicom has conventions of its own; each is a named rule below,
/// accepted only where it explains a difference, checked against the file as we read it where it can be, and
/// counted in <see cref="Rules"/> with every case listed in <see cref="Explained"/>:
/// <list type="bullet">
/// <item><see cref="GroupLengthsKept"/>: pydicom writes group lengths (gggg,0000) as the file has them; we leave
/// them out. Accepted where the file has that group length with that value.</item>
/// <item><see cref="CharacterSetAsInFile"/>: pydicom writes (0008,0005) as the file has it (it decodes the strings
/// with it but does not say they are now Unicode); we write ISO_IR 192. Accepted where ours is exactly
/// ["ISO_IR 192"] and pydicom's is exactly the file's values, split at backslashes, trailing padding removed.</item>
/// <item><see cref="DecimalStringAsFloat"/>: pydicom writes a DS value as a Python float, the double nearest to
/// its text; we write the text itself. Accepted where our number, read as a double, is that double.</item>
/// <item><see cref="PersonNameAsInFile"/>: pydicom writes each group of a PN value as the file has it, trailing
/// empty components ("^^^^") and empty groups included; we leave them out (PS3.5 6.2.1 allows it, as DCMTK does),
/// and a name with nothing left is no value. Accepted where pydicom's groups without trailing "^" and spaces, empty
/// ones left out, are ours.</item>
/// <item><see cref="PaddingSpacesKept"/>: pydicom removes spaces only from the end of a whole element value (SH,
/// LO: of each value's end), so a value of a VR whose leading and trailing spaces are not significant keeps its
/// leading spaces, and, before a backslash, its trailing ones; we remove both. Accepted where pydicom's value
/// without spaces at either end is ours, for those VRs only.</item>
/// <item><see cref="EmptySequenceAsEmptyArray"/>: pydicom writes "Value": [] for a sequence without items; we
/// write no "Value", as for any attribute without values (PS3.18 F.2.5), and as DCMTK does.</item>
/// <item><see cref="UnknownReplacedWithKnownVR"/>: pydicom's config.replace_un_with_known_vr (on by default) reads
/// an element the file encodes as UN with the VR its dictionary has for the tag (for a private tag, its private
/// dictionary for the private creator; LO for a private creator); we keep UN and write the bytes. Accepted where
/// pydicom's VR is our dictionary's (public tags) or LO (private creators), and our bytes, read with pydicom's VR
/// by our own toolkit, give pydicom's value.</item>
/// <item><see cref="EncapsulatedWithoutDelimiter"/>: for encapsulated pixel data pydicom's InlineBinary is the
/// items without the Sequence Delimitation Item that ends the value field; ours has it. Accepted where ours is
/// pydicom's followed by (FFFE,E0DD) with length 0, and the element was read as fragments.</item>
/// <item><see cref="BigEndianBytesAsInFile"/>: pydicom's InlineBinary of OW, OF, OL, OD and OV values in a big
/// endian file is the bytes as the file has them; ours is little endian. Accepted where ours is pydicom's with
/// each word reversed, in a big endian file only.</item>
/// <item><see cref="OddLengthUnpadded"/>: pydicom's InlineBinary of a value with an odd length (malformed) is
/// the bytes as read; ours is padded with one zero byte, as a DICOM writer writes it. Accepted where ours is
/// pydicom's followed by one zero byte.</item>
/// <item><see cref="NotConvertible"/>: an element that pydicom read but could not convert to JSON (the script
/// lists it as dropped, with pydicom's error). Accepted where it is an IS or DS of ours that holds a value that is
/// not a number, which we write as a string.</item>
/// </list>
/// </summary>
public sealed class PydicomJsonComparison
{
    public const string GroupLengthsKept = "group-lengths-kept";
    public const string CharacterSetAsInFile = "character-set-as-in-file";
    public const string DecimalStringAsFloat = "DS-as-float";
    public const string PersonNameAsInFile = "PN-as-in-file";
    public const string PaddingSpacesKept = "padding-spaces-kept";
    public const string EmptySequenceAsEmptyArray = "empty-sequence-as-empty-array";
    public const string UnknownReplacedWithKnownVR = "replace_un_with_known_vr";
    public const string EncapsulatedWithoutDelimiter = "encapsulated-without-delimiter";
    public const string BigEndianBytesAsInFile = "big-endian-bytes-as-in-file";
    public const string OddLengthUnpadded = "odd-length-unpadded";
    public const string NotConvertible = "not-convertible-by-pydicom";

    // The Sequence Delimitation Item: (FFFE,E0DD), length 0, little endian.
    private static readonly byte[] SequenceDelimiter = [0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];

    private readonly DicomFile _file;
    private readonly PydicomOutput _pydicom;
    private readonly List<string> _differences = [];
    private readonly List<string> _explained = [];
    private readonly Dictionary<string, int> _rules = new(StringComparer.Ordinal);

    private PydicomJsonComparison(DicomFile file, PydicomOutput pydicom)
    {
        _file = file;
        _pydicom = pydicom;
    }

    public IReadOnlyList<string> Differences => _differences;

    /// <summary>Each difference a rule explained: "where: [rule] what".</summary>
    public IReadOnlyList<string> Explained => _explained;

    /// <summary>How many differences each rule explained.</summary>
    public IReadOnlyDictionary<string, int> Rules => _rules;

    /// <summary>How many attributes (at every depth) were compared.</summary>
    public int Attributes { get; private set; }

    /// <param name="ours">Our JSON.</param>
    /// <param name="pydicom">pydicom's, for a file it could read.</param>
    /// <param name="file">The file as we read it: the values pydicom keeps as the file has them are checked against it.</param>
    public static PydicomJsonComparison Compare(JsonElement ours, PydicomOutput pydicom, DicomFile file)
    {
        var theirs = pydicom.Dataset ?? throw new ArgumentException($"pydicom could not read {pydicom.File}: {pydicom.Error}", nameof(pydicom));
        var comparison = new PydicomJsonComparison(file, pydicom);
        comparison.CompareDataset(ours, theirs, file.Dataset, "");
        foreach (var tag in pydicom.Dropped.Keys.Where(t => !ours.TryGetProperty(t, out _)))
        {
            comparison._differences.Add($"{tag}: pydicom could not convert it, and it is not in ours");
        }

        return comparison;
    }

    private void Explain(string rule, string where, string what)
    {
        _rules[rule] = _rules.GetValueOrDefault(rule) + 1;
        _explained.Add($"{where}: [{rule}] {what}");
    }

    private void CompareDataset(JsonElement ours, JsonElement theirs, DicomDataset? original, string path)
    {
        var keys = ours.EnumerateObject().Select(p => p.Name).Union(theirs.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var where = $"{path}{key}";
            var inOurs = ours.TryGetProperty(key, out var our);
            var inTheirs = theirs.TryGetProperty(key, out var their);
            if (!inTheirs)
            {
                if (path.Length == 0 && _pydicom.Dropped.TryGetValue(key, out var error) && IsNotANumber(our))
                {
                    Explain(NotConvertible, where, $"pydicom: {error}; ours: {our.GetProperty("vr").GetString()} {Compact(our.GetProperty("Value"))}");
                }
                else
                {
                    _differences.Add($"{where}: only in ours");
                }

                continue;
            }

            if (!inOurs)
            {
                if (IsGroupLengthOfFile(key, their, original))
                {
                    Explain(GroupLengthsKept, where, $"UL {their.GetProperty("Value").GetRawText()} only in pydicom's, as in the file");
                }
                else
                {
                    _differences.Add($"{where}: only in pydicom's: {Shorten(Compact(their))}");
                }

                continue;
            }

            Attributes++;
            CompareAttribute(key, our, their, original, where);
        }
    }

    private void CompareAttribute(string key, JsonElement ours, JsonElement theirs, DicomDataset? original, string where)
    {
        var vr = ours.GetProperty("vr").GetString()!;
        var theirVR = theirs.GetProperty("vr").GetString()!;
        var tag = new DicomTag(uint.Parse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        var element = original?.Get(tag);

        if (tag == DicomTags.SpecificCharacterSet && vr == "CS" && theirVR == "CS")
        {
            CompareCharacterSet(ours, theirs, element, where);
            return;
        }

        if (vr == "UN" && theirVR is not ("UN" or "SQ") && element is DicomValueElement { VR: var fileVR } && fileVR == DicomVR.UN)
        {
            CompareUnknownAsKnown(key, tag, ours, theirs, theirVR, original!, where);
            return;
        }

        if (vr != theirVR)
        {
            // Reported, and the rest still compared: a wrong VR should not hide a wrong value.
            _differences.Add($"{where}: vr {vr} in ours, {theirVR} in pydicom's");
        }

        var ourValue = ours.TryGetProperty("Value", out var ourValues);
        var theirValue = theirs.TryGetProperty("Value", out var theirValues);
        if (vr == "SQ" && !ourValue && theirValue && theirValues.GetArrayLength() == 0)
        {
            Explain(EmptySequenceAsEmptyArray, where, "no items: no Value in ours, [] in pydicom's");
            return;
        }

        if (vr == "PN" && !ourValue && theirValue && theirValues.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object && PersonNameGroups(v).Length == 0))
        {
            Explain(PersonNameAsInFile, where, $"a name of empty components: no Value in ours, {Compact(theirValues)} in pydicom's");
            return;
        }

        var ourMembers = ours.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var theirMembers = theirs.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        if (!ourMembers.SequenceEqual(theirMembers))
        {
            _differences.Add($"{where}: members {string.Join(",", ourMembers)} in ours, {string.Join(",", theirMembers)} in pydicom's: {Shorten(Compact(ours))} / {Shorten(Compact(theirs))}");
            return;
        }

        if (ours.TryGetProperty("InlineBinary", out var ourBinary))
        {
            CompareBinary(vr, element, ourBinary.GetBytesFromBase64(), theirs.GetProperty("InlineBinary").GetBytesFromBase64(), where);
            return;
        }

        if (!ourValue)
        {
            return;
        }

        if (vr == "SQ")
        {
            CompareItems(ourValues, theirValues, element as DicomSequence, where);
            return;
        }

        CompareValues(vr, ourValues, theirValues, where);
    }

    /// <summary>(0008,0005): ours says the strings are now Unicode; pydicom's must be what the file says.</summary>
    private void CompareCharacterSet(JsonElement ours, JsonElement theirs, DicomElement? element, string where)
    {
        if (Strings(ours) is not ["ISO_IR 192"])
        {
            _differences.Add($"{where}: our Specific Character Set is not [\"ISO_IR 192\"]: {Compact(ours)}");
            return;
        }

        // As pydicom reads a CS value: padding removed from the end of the whole value, then split at backslashes.
        var raw = element is DicomValueElement value ? Encoding.ASCII.GetString(value.Value.Span).TrimEnd(' ', '\0') : null;
        string?[] inFile = string.IsNullOrEmpty(raw) ? [] : raw.Split('\\');
        var pydicoms = Strings(theirs);
        if (!pydicoms.SequenceEqual(inFile))
        {
            _differences.Add($"{where}: pydicom's Specific Character Set {Compact(theirs)} is not the file's [{raw}]");
        }
        else if (!pydicoms.SequenceEqual(["ISO_IR 192"]))
        {
            Explain(CharacterSetAsInFile, where, $"[\"ISO_IR 192\"] in ours, the file's {(pydicoms.Length == 0 ? "empty value" : Compact(theirs.GetProperty("Value")))} in pydicom's");
        }
    }

    /// <summary>
    /// An element the file encodes as UN to which pydicom gave a VR (replace_un_with_known_vr): the VR must be
    /// the one pydicom's rule gives, and our bytes, read with it by our toolkit, must give pydicom's value.
    /// </summary>
    private void CompareUnknownAsKnown(string key, DicomTag tag, JsonElement ours, JsonElement theirs, string theirVR, DicomDataset original, string where)
    {
        // pydicom's VR for a private tag other than a private creator comes from its private dictionary, which we
        // do not have: only the value can be checked there.
        var expected = tag.IsPrivateCreator ? "LO" : tag.IsPrivate ? null : DicomDictionary.Lookup(tag)?.VR.ToString() ?? "(not in our dictionary)";
        if (expected is not null && expected != theirVR)
        {
            _differences.Add($"{where}: vr UN in ours, {theirVR} in pydicom's, where the VR for the tag is {expected}");
            return;
        }

        if (!DicomVR.TryParse(theirVR, out var known))
        {
            _differences.Add($"{where}: pydicom's vr {theirVR} is not a VR");
            return;
        }

        byte[] bytes = ours.TryGetProperty("InlineBinary", out var binary) ? binary.GetBytesFromBase64() : [];
        var scratch = new DicomDataset();
        if (EffectiveCharacterSet(original) is { } characterSet)
        {
            scratch.Set(new DicomValueElement(characterSet.Tag, characterSet.VR, characterSet.Value));
        }

        scratch.Set(new DicomValueElement(tag, known, bytes));
        using var reread = JsonDocument.Parse(new DicomJsonWriter().SerializeToUtf8Bytes(scratch));
        var before = _differences.Count;
        CompareAttribute(key, reread.RootElement.GetProperty(key), theirs, scratch, where);
        if (_differences.Count == before)
        {
            var source = expected is null ? "its private dictionary" : tag.IsPrivateCreator ? "a private creator" : "its dictionary";
            Explain(UnknownReplacedWithKnownVR, where, $"UN in ours, {theirVR} ({source}) in pydicom's; our bytes read as {theirVR} give pydicom's value");
        }
    }

    private void CompareItems(JsonElement ours, JsonElement theirs, DicomSequence? sequence, string where)
    {
        if (ours.GetArrayLength() != theirs.GetArrayLength())
        {
            _differences.Add($"{where}: {ours.GetArrayLength()} items in ours, {theirs.GetArrayLength()} in pydicom's");
            return;
        }

        for (var i = 0; i < ours.GetArrayLength(); i++)
        {
            var item = sequence is not null && i < sequence.Items.Count ? sequence.Items[i] : null;
            CompareDataset(ours[i], theirs[i], item, $"{where}[{i}]>");
        }
    }

    private void CompareBinary(string vr, DicomElement? element, byte[] ours, byte[] theirs, string where)
    {
        if (ours.AsSpan().SequenceEqual(theirs))
        {
            return;
        }

        if (element is DicomFragments && ours.AsSpan().SequenceEqual([.. theirs, .. SequenceDelimiter]))
        {
            Explain(EncapsulatedWithoutDelimiter, where, $"{ours.Length} bytes in ours, pydicom's {theirs.Length} without the Sequence Delimitation Item");
        }
        else if (_file.TransferSyntax.IsBigEndian && vr is "OW" or "OF" or "OL" or "OD" or "OV" && ours.AsSpan().SequenceEqual(Swapped(theirs, DicomVR.Parse(vr).ValueSize)))
        {
            Explain(BigEndianBytesAsInFile, where, $"{vr} of {ours.Length} bytes: little endian in ours, as the big endian file has it in pydicom's");
        }
        else if (theirs.Length % 2 == 1 && ours.AsSpan().SequenceEqual([.. theirs, (byte)0]))
        {
            Explain(OddLengthUnpadded, where, $"an odd length: {theirs.Length} bytes in pydicom's, padded to {ours.Length} in ours");
        }
        else
        {
            _differences.Add($"{where}: InlineBinary differs: {ours.Length} bytes in ours, {theirs.Length} in pydicom's");
        }
    }

    private void CompareValues(string vr, JsonElement ours, JsonElement theirs, string where)
    {
        if (ours.GetArrayLength() != theirs.GetArrayLength())
        {
            _differences.Add($"{where}: {ours.GetArrayLength()} values in ours, {theirs.GetArrayLength()} in pydicom's: {Shorten(Compact(ours))} / {Shorten(Compact(theirs))}");
            return;
        }

        for (var i = 0; i < ours.GetArrayLength(); i++)
        {
            var our = ours[i];
            var their = theirs[i];
            if (DicomJsonComparison.SameValue(vr, our, their))
            {
                continue;
            }

            if (vr == "DS" && our.ValueKind == JsonValueKind.Number && their.ValueKind == JsonValueKind.Number
                && BitConverter.DoubleToInt64Bits(double.Parse(our.GetRawText(), CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(their.GetDouble()))
            {
                Explain(DecimalStringAsFloat, $"{where}[{i}]", $"{our.GetRawText()} in ours, the nearest double {their.GetRawText()} in pydicom's");
            }
            else if (vr == "PN" && their.ValueKind == JsonValueKind.Object && PersonNameGroups(their).SequenceEqual(our.ValueKind == JsonValueKind.Object ? PersonNameGroups(our) : []))
            {
                Explain(PersonNameAsInFile, $"{where}[{i}]", $"{Compact(our)} in ours, {Compact(their)} in pydicom's");
            }
            else if (vr is "AE" or "AS" or "CS" or "DA" or "DT" or "TM" or "UI" or "SH" or "LO"
                && our.ValueKind == JsonValueKind.String && their.ValueKind == JsonValueKind.String && their.GetString()!.Trim(' ') == our.GetString())
            {
                Explain(PaddingSpacesKept, $"{where}[{i}]", $"{Compact(our)} in ours, {Compact(their)} in pydicom's");
            }
            else
            {
                _differences.Add($"{where}[{i}]: {Shorten(Compact(our))} in ours, {Shorten(Compact(their))} in pydicom's");
            }
        }
    }

    /// <summary>A PN value's groups without trailing "^" and spaces, empty ones left out, in a fixed order.</summary>
    private static (string Group, string Text)[] PersonNameGroups(JsonElement name) =>
        [.. name.EnumerateObject()
            .Select(p => (p.Name, p.Value.GetString()!.TrimEnd('^', ' ')))
            .Where(g => g.Item2.Length > 0)
            .Order()];

    /// <summary>pydicom keeps a group length the file has: the same tag at the same level, with the same value.</summary>
    private static bool IsGroupLengthOfFile(string key, JsonElement theirs, DicomDataset? original)
    {
        var tag = new DicomTag(uint.Parse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return tag.IsGroupLength
            && theirs.GetProperty("vr").GetString() == "UL"
            && theirs.TryGetProperty("Value", out var values) && values.GetArrayLength() == 1
            && original?.Get(tag) is DicomValueElement { Length: 4 } element
            && values[0].TryGetUInt32(out var length) && length == BinaryPrimitives.ReadUInt32LittleEndian(element.Value.Span);
    }

    /// <summary>Our IS or DS holds a value that is not a number, written as a string: one pydicom cannot convert.</summary>
    private static bool IsNotANumber(JsonElement ours) =>
        ours.GetProperty("vr").GetString() is "IS" or "DS"
        && ours.TryGetProperty("Value", out var values)
        && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String);

    /// <summary>The (0008,0005) that applies to a data set: its own, else the nearest enclosing data set's.</summary>
    private static DicomValueElement? EffectiveCharacterSet(DicomDataset dataset)
    {
        for (DicomDataset? level = dataset; level is not null; level = level.Parent?.Owner)
        {
            if (level.Get(DicomTags.SpecificCharacterSet) is DicomValueElement own)
            {
                return own;
            }
        }

        return null;
    }

    private static byte[] Swapped(byte[] bytes, int size)
    {
        var swapped = (byte[])bytes.Clone();
        for (var offset = 0; offset + size <= swapped.Length; offset += size)
        {
            swapped.AsSpan(offset, size).Reverse();
        }

        return swapped;
    }

    private static string?[] Strings(JsonElement attribute) =>
        attribute.TryGetProperty("Value", out var values) ? [.. values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())] : [];

    /// <summary>A JSON value on one line, non-ASCII text as it is, for messages.</summary>
    private static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
