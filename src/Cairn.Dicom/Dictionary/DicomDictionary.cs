namespace Cairn.Dicom;

/// <summary>
/// Look-ups in the generated data dictionary. The dictionary is data in the assembly (spans and one text), so nothing
/// is parsed or built at start-up; an entry object is made only when one is asked for.
/// </summary>
public static class DicomDictionary
{
    /// <summary>The dictionary entry of a tag; repeating groups like (60xx,3000) match their masked entry.</summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return null;
        }

        var (keyword, name, vrText, vm) = Record(index);
        var exactCount = DicomDictionaryData.Tags.Length;
        var entryTag = index < exactCount ? DicomDictionaryData.Tags[index] : DicomDictionaryData.MaskedTags[index - exactCount];
        var mask = index < exactCount ? 0xFFFFFFFF : DicomDictionaryData.Masks[index - exactCount];
        return new DicomDictionaryEntry(new DicomTag(entryTag), mask, keyword, name, new DicomVR(DicomDictionaryData.VRCodes[index]), vrText, vm, (DicomDictionaryData.Flags[index] & 1) != 0);
    }

    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        var order = DicomDictionaryData.KeywordOrder;
        var lo = 0;
        var hi = order.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var comparison = KeywordSpan(order[mid]).SequenceCompareTo(keyword);
            if (comparison == 0)
            {
                var index = order[mid];
                var exactCount = DicomDictionaryData.Tags.Length;
                tag = new DicomTag(index < exactCount ? DicomDictionaryData.Tags[index] : DicomDictionaryData.MaskedTags[index - exactCount]);
                return true;
            }

            if (comparison < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        tag = default;
        return false;
    }

    /// <summary>The keyword of a tag, or null for private and unknown tags.</summary>
    public static string? KeywordOf(DicomTag tag) => IndexOf(tag) is var index and >= 0 ? KeywordSpan(index).ToString() : null;

    /// <summary>The dictionary's VR (the implicit VR choice where several are allowed), or null for an unknown tag. Allocates nothing.</summary>
    public static DicomVR? VROf(DicomTag tag) => IndexOf(tag) is var index and >= 0 ? new DicomVR(DicomDictionaryData.VRCodes[index]) : null;

    /// <summary>Whether the standard gives this tag "US or SS", which Pixel Representation decides.</summary>
    public static bool IsUSOrSS(DicomTag tag) => IndexOf(tag) is var index and >= 0 && (DicomDictionaryData.Flags[index] & 2) != 0;

    /// <summary>
    /// The VR an implicit VR reader assigns: the dictionary's, LO for private creators, UL for group lengths,
    /// UN for everything unknown.
    /// </summary>
    public static DicomVR ImplicitVROf(DicomTag tag)
    {
        if (tag.IsGroupLength)
        {
            return DicomVR.UL;
        }

        if (tag.IsPrivateCreator)
        {
            return DicomVR.LO;
        }

        return VROf(tag) ?? DicomVR.UN;
    }

    private static int IndexOf(DicomTag tag)
    {
        var index = DicomDictionaryData.Tags.BinarySearch(tag.Value);
        if (index >= 0)
        {
            return index;
        }

        if (tag.IsPrivate)
        {
            return -1;
        }

        var maskedTags = DicomDictionaryData.MaskedTags;
        var masks = DicomDictionaryData.Masks;
        for (var i = 0; i < maskedTags.Length; i++)
        {
            if ((tag.Value & masks[i]) == maskedTags[i])
            {
                return DicomDictionaryData.Tags.Length + i;
            }
        }

        return -1;
    }

    private static ReadOnlySpan<char> RecordSpan(int index)
    {
        var offsets = DicomDictionaryData.TextOffsets;
        return DicomDictionaryData.Text.AsSpan(offsets[index], offsets[index + 1] - offsets[index] - 1);
    }

    private static ReadOnlySpan<char> KeywordSpan(int index)
    {
        var record = RecordSpan(index);
        return record[..record.IndexOf('|')];
    }

    private static (string Keyword, string Name, string VRText, string VM) Record(int index)
    {
        var parts = RecordSpan(index).ToString().Split('|');
        return (parts[0], parts[1], parts[2], parts[3]);
    }
}
