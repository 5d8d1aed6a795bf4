using Cairn.Dicom;

namespace Cairn.Archive.Retrieve;

/// <summary>
/// What a retrieve asks for: the level and the unique keys (PS3.4 C.4.2.2.1). Keys at the level may list several
/// UIDs; keys above it narrow the match when given. An identifier that breaks the rules is refused with a problem
/// naming the attribute.
/// </summary>
public sealed record RetrieveKeys
{
    public required RetrieveLevel Level { get; init; }

    public string? PatientId { get; init; }

    public IReadOnlyList<string> StudyInstanceUids { get; init; } = [];

    public IReadOnlyList<string> SeriesInstanceUids { get; init; } = [];

    public IReadOnlyList<string> SopInstanceUids { get; init; } = [];

    /// <summary>Keys for one study, series or instance (WADO-RS paths).</summary>
    public static RetrieveKeys For(string studyUid, string? seriesUid = null, string? sopInstanceUid = null) => new()
    {
        Level = sopInstanceUid is not null ? RetrieveLevel.Image : seriesUid is not null ? RetrieveLevel.Series : RetrieveLevel.Study,
        StudyInstanceUids = [studyUid],
        SeriesInstanceUids = seriesUid is null ? [] : [seriesUid],
        SopInstanceUids = sopInstanceUid is null ? [] : [sopInstanceUid],
    };

    /// <summary>
    /// Reads a C-MOVE/C-GET identifier; <paramref name="patientRoot"/> for the Patient Root model (which has the
    /// PATIENT level and needs Patient ID at every level), else Study Root. Null with <paramref name="problem"/> when
    /// the identifier is not valid.
    /// </summary>
    public static RetrieveKeys? Parse(DicomDataset identifier, bool patientRoot, out string? problem)
    {
        var levelText = identifier.GetString(DicomTags.QueryRetrieveLevel)?.Trim();
        RetrieveLevel? level = levelText switch
        {
            "PATIENT" when patientRoot => RetrieveLevel.Patient,
            "STUDY" => RetrieveLevel.Study,
            "SERIES" => RetrieveLevel.Series,
            "IMAGE" => RetrieveLevel.Image,
            _ => null,
        };
        if (level is not { } l)
        {
            problem = string.IsNullOrEmpty(levelText)
                ? "Query/Retrieve Level (0008,0052) is missing"
                : $"Query/Retrieve Level (0008,0052) '{levelText}' is not one of {(patientRoot ? "PATIENT, " : "")}STUDY, SERIES, IMAGE";
            return null;
        }

        var patientId = identifier.GetString(DicomTags.PatientID)?.Trim();
        if (string.IsNullOrEmpty(patientId))
        {
            patientId = null;
        }

        if (patientRoot && patientId is null)
        {
            problem = "Patient ID (0010,0020) is missing; the Patient Root model needs it";
            return null;
        }

        var keys = new RetrieveKeys { Level = l, PatientId = patientId };
        if (!Uids(identifier, DicomTags.StudyInstanceUID, "Study Instance UID (0020,000D)", l >= RetrieveLevel.Study, l == RetrieveLevel.Study, out var studies, out problem)
            || !Uids(identifier, DicomTags.SeriesInstanceUID, "Series Instance UID (0020,000E)", l >= RetrieveLevel.Series, l == RetrieveLevel.Series, out var series, out problem)
            || !Uids(identifier, DicomTags.SOPInstanceUID, "SOP Instance UID (0008,0018)", l >= RetrieveLevel.Image, l == RetrieveLevel.Image, out var instances, out problem))
        {
            return null;
        }

        return keys with { StudyInstanceUids = studies, SeriesInstanceUids = series, SopInstanceUids = instances };
    }

    private static bool Uids(DicomDataset identifier, DicomTag tag, string name, bool required, bool listAllowed, out string[] uids, out string? problem)
    {
        uids = [.. identifier.GetStrings(tag).Select(u => u.Trim()).Where(u => u.Length > 0)];
        problem = null;
        if (uids.Length == 0)
        {
            if (required)
            {
                problem = $"{name} is missing";
            }

            return !required;
        }

        if (!required)
        {
            // A key below the level means nothing to a retrieve; it is ignored, as dcm4chee does.
            uids = [];
            return true;
        }

        if (uids.Length > 1 && !listAllowed)
        {
            problem = $"{name} has {uids.Length} values; only the key at the Query/Retrieve Level may list several";
            return false;
        }

        foreach (var uid in uids)
        {
            if (DicomValueValidator.CheckUid(uid) is { } invalid)
            {
                problem = $"{name} '{uid}' is not a valid UID: {invalid}";
                return false;
            }
        }

        return true;
    }
}
