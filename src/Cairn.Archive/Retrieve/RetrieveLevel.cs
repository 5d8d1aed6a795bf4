namespace Cairn.Archive.Retrieve;

/// <summary>Query/Retrieve Level (0008,0052) of a retrieve identifier.</summary>
public enum RetrieveLevel
{
    Patient,
    Study,
    Series,
    Image,
}
