namespace Cairn.Dicom;

/// <summary>
/// A value representation, stored as its two ASCII characters. Any two-letter code can be held (a reader meets
/// unknown ones); <see cref="IsKnown"/> says whether it is one of the current standard's.
/// </summary>
public readonly record struct DicomVR(ushort Code)
{
    private DicomVR(char first, char second)
        : this((ushort)((first << 8) | second))
    {
    }

    public static DicomVR AE => new('A', 'E');
    public static DicomVR AS => new('A', 'S');
    public static DicomVR AT => new('A', 'T');
    public static DicomVR CS => new('C', 'S');
    public static DicomVR DA => new('D', 'A');
    public static DicomVR DS => new('D', 'S');
    public static DicomVR DT => new('D', 'T');
    public static DicomVR FD => new('F', 'D');
    public static DicomVR FL => new('F', 'L');
    public static DicomVR IS => new('I', 'S');
    public static DicomVR LO => new('L', 'O');
    public static DicomVR LT => new('L', 'T');
    public static DicomVR OB => new('O', 'B');
    public static DicomVR OD => new('O', 'D');
    public static DicomVR OF => new('O', 'F');
    public static DicomVR OL => new('O', 'L');
    public static DicomVR OV => new('O', 'V');
    public static DicomVR OW => new('O', 'W');
    public static DicomVR PN => new('P', 'N');
    public static DicomVR SH => new('S', 'H');
    public static DicomVR SL => new('S', 'L');
    public static DicomVR SQ => new('S', 'Q');
    public static DicomVR SS => new('S', 'S');
    public static DicomVR ST => new('S', 'T');
    public static DicomVR SV => new('S', 'V');
    public static DicomVR TM => new('T', 'M');
    public static DicomVR UC => new('U', 'C');
    public static DicomVR UI => new('U', 'I');
    public static DicomVR UL => new('U', 'L');
    public static DicomVR UN => new('U', 'N');
    public static DicomVR UR => new('U', 'R');
    public static DicomVR US => new('U', 'S');
    public static DicomVR UT => new('U', 'T');
    public static DicomVR UV => new('U', 'V');

    /// <summary>Every VR of the current standard, in alphabetical order.</summary>
    public static IReadOnlyList<DicomVR> All { get; } =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN,
        SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];

    public char First => (char)(Code >> 8);

    public char Second => (char)(Code & 0xFF);

    private VRKind Kind => DicomVRProperties.KindOf(this);

    public bool IsKnown => Kind != VRKind.Unknown;

    public bool IsSequence => Code == VRCode.SQ;

    /// <summary>Values are character strings (possibly multi-valued with backslashes).</summary>
    public bool IsString => Kind is VRKind.String or VRKind.Text;

    /// <summary>Strings whose bytes depend on the Specific Character Set (SH, LO, ST, LT, PN, UC, UT).</summary>
    public bool IsCharacterSetDependent => DicomVRProperties.IsCharacterSetDependent(this);

    /// <summary>String VRs whose value is one text with no backslash delimiter (LT, ST, UT, UR).</summary>
    public bool IsSingleValuedText => Kind == VRKind.Text;

    /// <summary>Fixed-size binary numbers (AT, FL, FD, SL, SS, SV, UL, US, UV).</summary>
    public bool IsBinaryNumber => Kind == VRKind.Number;

    /// <summary>"Other" byte/word/long/float/double/very long and UN: opaque or bulk values.</summary>
    public bool IsBulk => Kind == VRKind.Bulk;

    /// <summary>Size in bytes of one value for fixed-size binary VRs (OW counts 2, OB and UN 1); 0 for strings and SQ.</summary>
    public int ValueSize => DicomVRProperties.ValueSizeOf(this);

    /// <summary>Explicit VR encoding uses 2 reserved bytes and a 32-bit length for this VR (PS3.5 7.1.2).</summary>
    public bool HasLongExplicitLength => DicomVRProperties.HasLongExplicitLength(this);

    /// <summary>The byte that pads a value to even length: NUL for UI and binary VRs, space for strings.</summary>
    public byte PaddingByte => IsString && Code != VRCode.UI ? (byte)' ' : (byte)0;

    /// <summary>Maximum length of one value in characters (bytes for UI); 0 where the standard sets no small limit.</summary>
    public int MaxLength => DicomVRProperties.MaxLengthOf(this);

    public override string ToString() => new([First, Second]);

    /// <summary>Reads a VR from its two bytes as they stand in an explicit VR stream.</summary>
    public static DicomVR FromBytes(byte first, byte second) => new((ushort)((first << 8) | second));

    public static bool TryParse(ReadOnlySpan<char> text, out DicomVR vr)
    {
        if (text.Length == 2 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]))
        {
            vr = new DicomVR(text[0], text[1]);
            return vr.IsKnown;
        }

        vr = default;
        return false;
    }

    public static DicomVR Parse(string text) =>
        TryParse(text, out var vr) ? vr : throw new FormatException($"'{text}' is not a value representation of the DICOM standard.");
}
