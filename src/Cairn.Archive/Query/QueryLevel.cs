namespace Cairn.Archive.Query;

/// <summary>The level of a query (Query/Retrieve Level (0008,0052)), top to bottom.</summary>
public enum QueryLevel
{
    Patient,
    Study,
    Series,
    Image,
}
