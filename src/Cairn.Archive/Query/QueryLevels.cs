namespace Cairn.Archive.Query;

/// <summary>Query/Retrieve Level values as DICOM spells them.</summary>
public static class QueryLevels
{
    /// <summary>The level named <paramref name="value"/> (PATIENT, STUDY, SERIES, IMAGE), or null.</summary>
    public static QueryLevel? Parse(string? value) => value?.Trim() switch
    {
        "PATIENT" => QueryLevel.Patient,
        "STUDY" => QueryLevel.Study,
        "SERIES" => QueryLevel.Series,
        "IMAGE" => QueryLevel.Image,
        _ => null,
    };

    public static string Name(QueryLevel level) => level switch
    {
        QueryLevel.Patient => "PATIENT",
        QueryLevel.Study => "STUDY",
        QueryLevel.Series => "SERIES",
        _ => "IMAGE",
    };
}
