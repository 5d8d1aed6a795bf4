using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>Generators of values that PS3.5 6.2 does not allow in each string VR (and of text no binary VR can parse).</summary>
public static class InvalidDicomGen
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // Control characters no VR allows (ESC, CR, LF, TAB and FF are allowed in some; see below).
    private static readonly Gen<string> Controls = Gen.OneOf("\0", "\u0001", "\u0007", "\u000B", "\u001F", "\u007F", "\u0085");

    // Controls also refused where only ISO 2022 escapes (ESC) are allowed, and ESC where no character set applies.
    private static readonly Gen<string> LineControls = Gen.OneOf("\r", "\n", "\t", "\f");
    private static readonly Gen<string> Escape = Gen.Const("\u001B");
    private static readonly Gen<string> NonAscii = Gen.OneOf("é", "Ä", "中", "😀");

    /// <summary>An invalid value of the string VR <paramref name="vr"/>.</summary>
    public static Gen<string> Invalid(DicomVR vr) => vr.ToString() switch
    {
        "AE" => Gen.OneOf(
            Gen.OneOf(" ", "    ", new string(' ', 16)),
            Inject(Word(1, 16), Gen.OneOf(Controls, LineControls, Escape, NonAscii, Gen.Const("\\"))),
            Word(17, 40)),
        "AS" => Gen.OneOf(
            Gen.OneOf("12Y", "0123", "012X", "012y", "12 Y", "012YY", "ABCD", "-12Y", "012 ", "Y012"),
            Inject(Gen.Const("018M"), Gen.OneOf(Controls, Escape, NonAscii, Gen.Char["0123456789DWMY"].Select(c => c.ToString())))),
        "CS" => Gen.OneOf(
            Inject(Word(1, 16), Gen.OneOf(Gen.Char["abcxyz-./:;"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\"))),
            Word(17, 40)),
        "DA" => Gen.OneOf(
            Gen.OneOf("2023011", "202301011", "20230230", "20231301", "20230001", "20230100", "2023-01-01", "2023.01.01", "00000101", "abcdefgh", "2023010A"),
            Inject(Gen.Const("20230101"), Gen.OneOf(Gen.Char["0123456789"].Select(c => c.ToString()), Controls, Escape, NonAscii, Gen.Const("\\")))),
        "DS" => Gen.OneOf(
            Gen.OneOf("1.2.3", "--1", "+-1", "e5", ".", "+", "-", "1e", "1e+", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x10", "1,5", "1 2", "12345678901234567"),
            Inject(Gen.OneOf("1", "-1.5", "2.5e-3", "100"), Gen.OneOf(Gen.Char["abcdxyzABCDXYZ,_;"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        "DT" => Gen.OneOf(
            Gen.OneOf(
                "202", "20231", "2023130", "20230230", "2023010125", "202301012460", "20230101120061", "20230101120000.1234567",
                "20230101120000.", "2023+2500", "2023+0160", "2023+01", "2023+01000", "abcd", "0000", "2023-01-01", "20230101120000.1234560+0100"),
            Inject(Gen.OneOf("2023", "20230101", "20230101123045.5", "2023+0100"), Gen.OneOf(Gen.Char["ABCxyz:/"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        "IS" => Gen.OneOf(
            Gen.OneOf("1.0", "1e3", "abc", "2147483648", "-2147483649", "1 2", "+-1", "--1", "0x1F", "1,000", "0000000000001"),
            Inject(Gen.OneOf("1", "-12", "2147483647"), Gen.OneOf(Gen.Char["abcxyz.,_"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        "LO" => Gen.OneOf(Inject(Word(0, 64), Gen.OneOf(Controls, LineControls, Gen.Const("\\"))), Word(65, 100)),
        "SH" => Gen.OneOf(Inject(Word(0, 16), Gen.OneOf(Controls, LineControls, Gen.Const("\\"))), Word(17, 40)),
        "UC" => Inject(Word(0, 100), Gen.OneOf(Controls, LineControls, Gen.Const("\\"))),
        "LT" => Gen.OneOf(Inject(Word(0, 200), Controls), Word(10241, 10300)),
        "ST" => Gen.OneOf(Inject(Word(0, 200), Controls), Word(1025, 1100)),
        "UT" => Inject(Word(0, 200), Controls),
        "PN" => Gen.OneOf(
            Gen.OneOf("A=B=C=D", "A^B=C=D=E", new string('A', 65), "A=" + new string('B', 65), "A==" + new string('C', 65)),
            Inject(Gen.OneOf("DOE^JOHN", "A^B^C^D^E", "DOE=山田"), Gen.OneOf(Controls, LineControls, Gen.Const("\\")))),
        "TM" => Gen.OneOf(
            Gen.OneOf("24", "2400", "1260", "126100", "1", "123", "12345", "12:30", "12:30:00", "120000.", "120000.1234567", "12000a", "-1", "12.5", "1200.5", "abcdef", "120000.12345678"),
            Inject(Gen.OneOf("12", "1230", "123045", "123045.5"), Gen.OneOf(Gen.Char["ABCxyz:/,"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        "UI" => Gen.OneOf(
            Gen.OneOf("1..2", ".1", "1.", "01.2", "1.02", "1.2a", "1.2 ", " 1.2", "1,2", "a", ".", "2.25." + new string('1', 60)),
            Inject(Gen.OneOf("1.2.840.10008.1.2", "2.25.1"), Gen.OneOf(Gen.Char["ABCxyz -_,"].Select(c => c.ToString()), Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        "UR" => Gen.OneOf(
            Gen.OneOf(" http://example.com", "http://exa mple.com", "http://example.com/a\\b", "\\"),
            Inject(Gen.OneOf("http://example.com/x", "urn:oid:1.2.3"), Gen.OneOf(Controls, LineControls, Escape, NonAscii, Gen.Const("\\")))),
        _ => throw new ArgumentOutOfRangeException(nameof(vr), vr, "not a string VR"),
    };

    /// <summary>Text that the binary VR <paramref name="vr"/> cannot hold as a number (or tag, for AT).</summary>
    public static Gen<string> InvalidNumber(DicomVR vr) => vr.ToString() switch
    {
        "US" => Gen.OneOf("-1", "65536", "1.5", "abc", "", "0x10"),
        "SS" => Gen.OneOf("-32769", "32768", "1.5", "abc", "", "1e2"),
        "UL" => Gen.OneOf("-1", "4294967296", "1.5", "abc", ""),
        "SL" => Gen.OneOf("-2147483649", "2147483648", "1.5", "abc", ""),
        "UV" => Gen.OneOf("-1", "18446744073709551616", "1.5", "abc", ""),
        "SV" => Gen.OneOf("-9223372036854775809", "9223372036854775808", "1.5", "abc", ""),
        "FL" or "FD" => Gen.OneOf("1.2.3", "abc", "", "--1", "1e", "0x10"),
        "AT" => Gen.OneOf("(0010,001G)", "0010,00100", "xyz", "", "NotAKeyword", "(0010;0010)"),
        _ => throw new ArgumentOutOfRangeException(nameof(vr), vr, "not a binary number VR"),
    };

    /// <summary>Upper-case letters and digits: valid in every string VR but too long where the length is given past the maximum.</summary>
    private static Gen<string> Word(int min, int max) =>
        from length in Gen.Int[min, max]
        from characters in Gen.Char[Letters + "0123456789"].Array[length]
        select new string(characters);

    /// <summary><paramref name="bad"/> inserted somewhere into <paramref name="value"/>.</summary>
    private static Gen<string> Inject(Gen<string> value, Gen<string> bad) =>
        from v in value
        from b in bad
        from at in Gen.Int[0, v.Length]
        select v.Insert(at, b);
}
