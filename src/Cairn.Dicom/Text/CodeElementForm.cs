namespace Cairn.Dicom;

/// <summary>
/// How one graphic character set of ISO 2022 is coded in DICOM, which also fixes its register: the G0 sets are
/// invoked into GL (bytes 0x21–0x7E), the G1 sets into GR (bytes 0xA1–0xFE). DICOM uses no shifts (PS3.5 6.1.2.5).
/// </summary>
internal enum CodeElementForm
{
    /// <summary>ISO-IR 6 (ASCII) in G0.</summary>
    Ascii,

    /// <summary>
    /// JIS X 0201 Romaji (ISO-IR 14) in G0. Read and written as ASCII: 0x5C stays the backslash that delimits values
    /// (PS3.5 H.1.1 Note 3), and 0x7E the tilde rather than the overline.
    /// </summary>
    JisRomaji,

    /// <summary>A 94- or 96-character set in G1, one byte per character (the ISO 8859 parts, TIS 620, JIS X 0201 Katakana).</summary>
    SingleByte,

    /// <summary>JIS X 0208 (ISO-IR 87) in G0, two GL bytes per character.</summary>
    Jis0208,

    /// <summary>JIS X 0212 (ISO-IR 159) in G0, two GL bytes per character.</summary>
    Jis0212,

    /// <summary>A 94×94 set in G1, two GR bytes per character (KS X 1001, GB 2312): their EUC form.</summary>
    DoubleByte,
}
