namespace Cairn.Dicom;

/// <summary>The families of Specific Character Set defined terms (PS3.3 Tables C.12-2 to C.12-5).</summary>
internal enum CharacterSetScheme
{
    /// <summary>"ISO_IR nnn": one single-byte set in G1 beside ASCII (or JIS X 0201 Romaji) in G0, no escapes.</summary>
    SingleByte,

    /// <summary>"ISO 2022 IR nnn": sets switched by escape sequences.</summary>
    Iso2022,

    /// <summary>UTF-8 (ISO_IR 192), GB18030 and GBK: multi-byte without code extensions, decoded as a whole.</summary>
    Direct,
}
