namespace Cairn.Archive.Query;

/// <summary>How a matching key on an indexed column becomes SQL.</summary>
public enum ColumnKind
{
    /// <summary>Text compared as is (case-sensitive).</summary>
    Text,

    /// <summary>A person name, kept upper case in a <c>*_norm</c> column: matched case-insensitively.</summary>
    PersonName,

    /// <summary>A UID: single value or a list.</summary>
    Uid,

    /// <summary>DICOM date text (YYYYMMDD): single value or range.</summary>
    Date,

    /// <summary>DICOM time text (HHMMSS.FFFFFF): single value or range.</summary>
    Time,

    /// <summary>An integer column (IS values).</summary>
    Number,

    /// <summary>A backslash-joined list (modalities or SOP classes in a study): matches when one value does.</summary>
    ValueList,

    /// <summary>
    /// Text of a series column (the expression names the column alone): on a series or instance query the series'
    /// own value; on a study query, matches when one of the study's series does.
    /// </summary>
    SeriesText,
}
