using System.Globalization;
using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// A QIDO-RS search (PS3.18 10.6) as a <see cref="QueryRequest"/>: the resource's level and the UIDs in its path,
/// <c>{attribute}={value}</c> matching parameters (keyword or tag ggggeeee; UID lists comma or backslash separated),
/// <c>limit</c>, <c>offset</c>, <c>includefield</c> (repeatable, comma separated, or <c>all</c>) and
/// <c>fuzzymatching</c> (accepted; only literal matching is done). Returned by default: the attributes PS3.18
/// Tables 10.6.3-3 to 10.6.3-5 list for the level, with those of the study (and series) when the path names none.
/// </summary>
public static class QidoQuery
{
    private static readonly DicomTag[] StudyDefaults =
    [
        DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber, DicomTags.InstanceAvailability, DicomTags.ModalitiesInStudy,
        DicomTags.ReferringPhysicianName, DicomTags.TimezoneOffsetFromUTC, DicomTags.RetrieveURL, DicomTags.RetrieveAETitle, DicomTags.PatientName,
        DicomTags.PatientID, DicomTags.PatientBirthDate, DicomTags.PatientSex, DicomTags.StudyInstanceUID, DicomTags.StudyID, DicomTags.StudyDescription,
        DicomTags.NumberOfStudyRelatedSeries, DicomTags.NumberOfStudyRelatedInstances,
    ];

    private static readonly DicomTag[] SeriesDefaults =
    [
        DicomTags.Modality, DicomTags.TimezoneOffsetFromUTC, DicomTags.SeriesDescription, DicomTags.RetrieveURL, DicomTags.RetrieveAETitle,
        DicomTags.InstanceAvailability, DicomTags.SeriesInstanceUID, DicomTags.SeriesNumber, DicomTags.NumberOfSeriesRelatedInstances,
        DicomTags.PerformedProcedureStepStartDate, DicomTags.PerformedProcedureStepStartTime, DicomTags.RequestAttributesSequence,
    ];

    private static readonly DicomTag[] InstanceDefaults =
    [
        DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.InstanceAvailability, DicomTags.TimezoneOffsetFromUTC, DicomTags.RetrieveURL,
        DicomTags.RetrieveAETitle, DicomTags.InstanceNumber, DicomTags.Rows, DicomTags.Columns, DicomTags.BitsAllocated, DicomTags.NumberOfFrames,
    ];

    /// <summary>
    /// The query of a search at <paramref name="level"/> under the study (and series) in the path, with
    /// <paramref name="parameters"/> as sent; a <see cref="QidoParameterException"/> names a parameter that is wrong.
    /// </summary>
    public static QidoSearch Parse(QueryLevel level, string? studyUid, string? seriesUid, IEnumerable<KeyValuePair<string, string?[]>> parameters)
    {
        var keys = new Dictionary<DicomTag, MatchingKey>();
        var returned = Defaults(level, studyUid is not null, seriesUid is not null).ToHashSet();
        var all = false;
        var fuzzy = false;
        int? limit = null;
        var offset = 0;
        if (studyUid is not null)
        {
            keys[DicomTags.StudyInstanceUID] = new MatchingKey(DicomTags.StudyInstanceUID, DicomVR.UI, PathUid("StudyInstanceUID", studyUid));
        }

        if (seriesUid is not null)
        {
            keys[DicomTags.SeriesInstanceUID] = new MatchingKey(DicomTags.SeriesInstanceUID, DicomVR.UI, PathUid("SeriesInstanceUID", seriesUid));
        }

        foreach (var (name, values) in parameters)
        {
            var given = values.Where(v => v is not null).Select(v => v!).ToArray();
            switch (name)
            {
                case "limit":
                    limit = Count(name, given);
                    break;
                case "offset":
                    offset = Count(name, given);
                    break;
                case "fuzzymatching":
                    var value = given.LastOrDefault() ?? "";
                    if (value is not ("true" or "false"))
                    {
                        throw new QidoParameterException(name, $"'{value}' is not true or false");
                    }

                    fuzzy = value == "true";
                    break;
                case "includefield":
                    foreach (var field in given.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                    {
                        if (field == "all")
                        {
                            all = true;
                        }
                        else
                        {
                            returned.Add(Attribute(name, field));
                        }
                    }

                    break;
                default:
                    var tag = Attribute(name, name);
                    var key = Key(name, tag, given);
                    if (keys.ContainsKey(tag) && (tag == DicomTags.StudyInstanceUID || tag == DicomTags.SeriesInstanceUID))
                    {
                        throw new QidoParameterException(name, "is given in the path already");
                    }

                    keys[tag] = key;
                    returned.Add(tag);
                    break;
            }
        }

        var request = new QueryRequest(level, [.. keys.Values]) { ReturnKeys = all ? null : returned, Offset = offset, Limit = limit };
        return new QidoSearch(request, fuzzy);
    }

    private static IEnumerable<DicomTag> Defaults(QueryLevel level, bool underStudy, bool underSeries) => level switch
    {
        QueryLevel.Study => StudyDefaults,
        QueryLevel.Series => underStudy ? SeriesDefaults : SeriesDefaults.Concat(StudyDefaults),
        _ => underSeries ? InstanceDefaults : underStudy ? InstanceDefaults.Concat(SeriesDefaults) : InstanceDefaults.Concat(SeriesDefaults).Concat(StudyDefaults),
    };

    private static string PathUid(string name, string uid)
    {
        if (DicomValueValidator.CheckUid(uid) is { } problem)
        {
            throw new QidoParameterException(name, $"'{uid}' in the path is not a valid UID: {problem}");
        }

        return uid;
    }

    private static int Count(string name, string[] values)
    {
        var value = values.LastOrDefault() ?? "";
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new QidoParameterException(name, $"'{value}' is not a non-negative whole number");
        }

        return number;
    }

    private static DicomTag Attribute(string parameter, string name)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new QidoParameterException(parameter, $"'{name}' names an attribute in a sequence; sequence matching is not supported");
        }

        if (DicomDictionary.TryGetTag(name, out var tag) || ArchivePrivateTags.TryGetTag(name, out tag))
        {
            return tag;
        }

        if (name.Length == 8 && uint.TryParse(name, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return new DicomTag(value);
        }

        throw new QidoParameterException(parameter, $"'{name}' is neither a DICOM keyword nor a tag (ggggeeee)");
    }

    private static MatchingKey Key(string name, DicomTag tag, string[] values)
    {
        var vr = DicomDictionary.VROf(tag) ?? (tag == ArchivePrivateTags.SendingApplicationEntityTitleOfSeries ? DicomVR.AE : DicomVR.UN);
        if (vr == DicomVR.SQ)
        {
            throw new QidoParameterException(name, "is a sequence; sequence matching is not supported");
        }

        if (vr == DicomVR.UI)
        {
            // A UID list: repeated parameters, commas or backslashes.
            var uids = values.SelectMany(v => v.Split([',', '\\'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
            foreach (var uid in uids)
            {
                if (DicomValueValidator.CheckUid(uid) is { } problem)
                {
                    throw new QidoParameterException(name, $"'{uid}' is not a valid UID: {problem}");
                }
            }

            return new MatchingKey(tag, vr, string.Join('\\', uids));
        }

        if (values.Length > 1)
        {
            throw new QidoParameterException(name, "is given more than once");
        }

        var key = new MatchingKey(tag, vr, values.FirstOrDefault()?.Trim() ?? "");
        if (key.IsRange)
        {
            try
            {
                _ = MatchingRange.Parse(key);
            }
            catch (QueryKeyException e)
            {
                throw new QidoParameterException(name, e.Message);
            }
        }
        else if ((vr == DicomVR.DA || vr == DicomVR.TM || vr == DicomVR.DT) && !key.IsUniversal && !MatchingRange.IsValue(vr, key.Value))
        {
            throw new QidoParameterException(name, $"'{key.Value}' is not a {vr} value or range");
        }

        return key;
    }
}
