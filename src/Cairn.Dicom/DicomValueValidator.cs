using System.Globalization;

namespace Cairn.Dicom;

/// <summary>What PS3.5 6.2 allows in one value of each string VR. Used strictly on create and as a check on read.</summary>
public static class DicomValueValidator
{
    /// <summary>Null when <paramref name="value"/> is a valid single value of <paramref name="vr"/>, else why not.</summary>
    public static string? Check(DicomVR vr, string value)
    {
        if (vr.IsString && !vr.IsSingleValuedText && value.Contains('\\', StringComparison.Ordinal))
        {
            return "a single value cannot contain a backslash (it separates values)";
        }

        // Only VRs whose text the character set encodes may hold ESC (ISO 2022); the others hold no control character
        // at all, which the date, time and number parsers below would otherwise skip as white space.
        if (vr.IsString && !vr.IsCharacterSetDependent && ControlCharacters(value, allowText: false, allowEscape: false) is { } control)
        {
            return control;
        }

        var max = vr.MaxLength;
        if (vr == DicomVR.PN)
        {
            foreach (var group in value.Split('='))
            {
                if (group.Length > max)
                {
                    return $"a PN component group is longer than {max} characters";
                }
            }

            return value.Split('=').Length > 3 ? "a PN value has at most three component groups" : ControlCharacters(value, allowText: false);
        }

        var problem = vr.Code switch
        {
            VRCode.AE => value.Trim().Length == 0 && value.Length > 0 ? "an AE title cannot be only spaces" : ControlCharacters(value, allowText: false),
            VRCode.AS => value.Length == 0 || (value.Length == 4 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2]) && value[3] is 'D' or 'W' or 'M' or 'Y')
                ? null : "an age is nnnD, nnnW, nnnM or nnnY",
            VRCode.CS => value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_') ? null : "a code string holds only A-Z, 0-9, space and underscore",
            VRCode.DA => value.Length == 0 || (value.Length == 8 && DicomDateTime.TryParseDate(value, out _)) ? null : "a date is YYYYMMDD",
            VRCode.TM => value.Length == 0 || (!value.Contains(':', StringComparison.Ordinal) && DicomDateTime.TryParseTime(value, out _)) ? null : "a time is HH[MM[SS[.FFFFFF]]]",
            VRCode.DT => value.Length == 0 || (!value.Contains(':', StringComparison.Ordinal) && DicomDateTime.TryParseDateTime(value, out _, out _)) ? null : "a date-time is YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][&ZZXX]",
            VRCode.DS => value.Trim().Length == 0 || (value.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E' or ' ')
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                ? null : "a decimal string is a number such as -1.5 or 2.5e-3",
            VRCode.IS => value.Trim().Length == 0 || (long.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var i)
                && i is >= int.MinValue and <= int.MaxValue)
                ? null : "an integer string is a whole number between -2^31 and 2^31-1",
            VRCode.UI => CheckUid(value),
            VRCode.UR => value.TrimEnd(' ').Any(c => c is ' ' or '\\' || char.IsControl(c)) ? "a URI cannot contain spaces, backslashes or control characters" : null,
            VRCode.LT or VRCode.ST or VRCode.UT => ControlCharacters(value, allowText: true),
            _ => ControlCharacters(value, allowText: false),
        };
        if (problem is null && max > 0 && value.Length > max)
        {
            problem = $"{value.Length} characters is longer than the {max} a {vr} value may have";
        }

        return problem;
    }

    /// <summary>A UID: components of digits separated by dots, no leading zero in a component, at most 64 characters.</summary>
    public static string? CheckUid(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 64)
        {
            return "a UID has at most 64 characters";
        }

        // Component by component, in place: every command set and stored object checks several UIDs.
        var rest = value.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var component = dot < 0 ? rest : rest[..dot];
            if (component.IsEmpty || component.ContainsAnyExceptInRange('0', '9'))
            {
                return "a UID is numbers separated by dots, like 1.2.840.10008.1.2";
            }

            if (component.Length > 1 && component[0] == '0')
            {
                return "a UID component cannot start with 0";
            }

            if (dot < 0)
            {
                return null;
            }

            rest = rest[(dot + 1)..];
        }
    }

    private static string? ControlCharacters(string value, bool allowText, bool allowEscape = true)
    {
        foreach (var c in value)
        {
            if (c == '\u001B' && allowEscape)
            {
                continue; // ISO 2022 escape sequences
            }

            if (char.IsControl(c) && !(allowText && c is '\r' or '\n' or '\t' or '\f'))
            {
                return $"control character U+{(int)c:X4} is not allowed";
            }
        }

        return null;
    }
}
