namespace Cairn.Dicom;

/// <summary>
/// A PN value: up to three component groups (alphabetic, ideographic, phonetic) separated by '=', each of up to
/// five components (family, given, middle, prefix, suffix) separated by '^' (PS3.5 6.2.1).
/// </summary>
public readonly record struct DicomPersonName(string Alphabetic, string Ideographic, string Phonetic)
{
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        return new DicomPersonName(
            groups.Length > 0 ? groups[0] : "",
            groups.Length > 1 ? groups[1] : "",
            groups.Length > 2 ? string.Join('=', groups[2..]) : "");
    }

    public string FamilyName => Component(Alphabetic, 0);

    public string GivenName => Component(Alphabetic, 1);

    public string MiddleName => Component(Alphabetic, 2);

    public string NamePrefix => Component(Alphabetic, 3);

    public string NameSuffix => Component(Alphabetic, 4);

    public bool IsEmpty => Alphabetic.Length == 0 && Ideographic.Length == 0 && Phonetic.Length == 0;

    /// <summary>The component at <paramref name="index"/> (0 family … 4 suffix) of one component group.</summary>
    public static string Component(string group, int index)
    {
        var parts = group.Split('^');
        return index < parts.Length ? parts[index] : "";
    }

    /// <summary>The value as encoded, without trailing empty component groups.</summary>
    public override string ToString() =>
        Phonetic.Length > 0 ? $"{Alphabetic}={Ideographic}={Phonetic}"
        : Ideographic.Length > 0 ? $"{Alphabetic}={Ideographic}"
        : Alphabetic;
}
