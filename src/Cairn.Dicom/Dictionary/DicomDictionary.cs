namespace Cairn.Dicom;

/// <summary>Look-ups in the generated data dictionary. Nothing is parsed at run time.</summary>
public static class DicomDictionary
{
    /// <summary>The dictionary entry of a tag; repeating groups like (60xx,3000) match their masked entry.</summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        var index = DicomDictionaryData.Tags.BinarySearch(tag.Value);
        if (index >= 0)
        {
            return DicomDictionaryData.Entries[index];
        }

        if (tag.IsPrivate)
        {
            return null;
        }

        foreach (var entry in DicomDictionaryData.MaskedEntries)
        {
            if ((tag.Value & entry.Mask) == entry.Tag.Value)
            {
                return entry;
            }
        }

        return null;
    }

    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        var index = Array.BinarySearch(DicomDictionaryData.Keywords, keyword, StringComparer.Ordinal);
        tag = index >= 0 ? new DicomTag(DicomDictionaryData.KeywordTags[index]) : default;
        return index >= 0;
    }

    /// <summary>The keyword of a tag, or null for private and unknown tags.</summary>
    public static string? KeywordOf(DicomTag tag) => Lookup(tag)?.Keyword;

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

        return Lookup(tag)?.VR ?? DicomVR.UN;
    }
}
