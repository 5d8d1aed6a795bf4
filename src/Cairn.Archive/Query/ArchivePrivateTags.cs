using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// Attributes that are not in the DICOM dictionary but that the reference archive's QIDO-RS accepts by keyword:
/// its private group 7777 (creator "DCM4CHEE.ARCHIVE 5", block 10), so that its clients' queries work here too.
/// </summary>
public static class ArchivePrivateTags
{
    /// <summary>(7777,1037) AE: the AE title a series came from; at study level it matches when one series does.</summary>
    public static DicomTag SendingApplicationEntityTitleOfSeries { get; } = new(0x77771037);

    /// <summary>The tag of the private <paramref name="keyword"/>, or false.</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        if (keyword == "SendingApplicationEntityTitleOfSeries")
        {
            tag = SendingApplicationEntityTitleOfSeries;
            return true;
        }

        tag = default;
        return false;
    }
}
