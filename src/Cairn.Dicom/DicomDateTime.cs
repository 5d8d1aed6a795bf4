using System.Globalization;

namespace Cairn.Dicom;

/// <summary>Parsing of DA, TM and DT values (PS3.5 6.2), including the partial precisions the standard allows.</summary>
public static class DicomDateTime
{
    /// <summary>DA: YYYYMMDD (the ACR-NEMA form YYYY.MM.DD is accepted on read).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        scoped ReadOnlySpan<char> input = text.Trim();
        Span<char> digits = stackalloc char[8];
        if (input.Length == 10 && input[4] == '.' && input[7] == '.')
        {
            input[..4].CopyTo(digits);
            input[5..7].CopyTo(digits[4..]);
            input[8..].CopyTo(digits[6..]);
            input = digits;
        }

        return DateOnly.TryParseExact(input, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>TM: HH, HHMM, HHMMSS or HHMMSS.FFFFFF (the ACR-NEMA form HH:MM:SS is accepted on read).</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        text = text.Trim();
        if (text.Length > 32)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (c != ':')
            {
                buffer[n++] = c;
            }
        }

        return TryParseCompactTime(buffer[..n], out time);
    }

    private static bool TryParseCompactTime(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        if (text.Length < 2 || !TwoDigits(text, 0, out var hour) || hour > 23)
        {
            return false;
        }

        var minute = 0;
        var second = 0;
        long ticks = 0;
        if (text.Length >= 4 && !(TwoDigits(text, 2, out minute) && minute <= 59))
        {
            return false;
        }

        if (text.Length >= 6 && !(TwoDigits(text, 4, out second) && second <= 60))
        {
            return false;
        }

        if (text.Length is 3 or 5 || (text.Length > 6 && !TryFraction(text[6..], out ticks)))
        {
            return false;
        }

        // A leap second (60) is legal in DICOM but not in TimeOnly; it is clamped.
        time = new TimeOnly(hour, minute, Math.Min(second, 59)).Add(TimeSpan.FromTicks(ticks));
        return true;
    }

    /// <summary>
    /// DT: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]. The offset is null when the value has none (then the time
    /// is in the Timezone Offset From UTC of the data set, or local).
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime dateTime, out TimeSpan? offset)
    {
        dateTime = default;
        offset = null;
        text = text.Trim();
        var sign = text.IndexOfAny('+', '-');
        if (sign >= 0)
        {
            var zone = text[sign..];
            if (zone.Length != 5 || !TwoDigits(zone, 1, out var zh) || !TwoDigits(zone, 3, out var zm) || zh > 14 || zm > 59)
            {
                return false;
            }

            var span = new TimeSpan(zh, zm, 0);
            offset = zone[0] == '-' ? -span : span;
            text = text[..sign];
        }

        if (text.Length < 4 || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            return false;
        }

        var month = 1;
        var day = 1;
        if (text.Length >= 6 && !(TwoDigits(text, 4, out month) && month is >= 1 and <= 12))
        {
            return false;
        }

        if (text.Length >= 8 && !(TwoDigits(text, 6, out day) && day >= 1 && day <= DateTime.DaysInMonth(year, month)))
        {
            return false;
        }

        if (text.Length is 5 or 7)
        {
            return false;
        }

        var time = TimeOnly.MinValue;
        if (text.Length > 8 && !TryParseTime(text[8..], out time))
        {
            return false;
        }

        dateTime = new DateTime(new DateOnly(year, month, day), time, DateTimeKind.Unspecified);
        return true;
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeOnly time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.ToString("HHmmss", CultureInfo.InvariantCulture)
            : time.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTime dateTime, TimeSpan? offset = null)
    {
        var text = dateTime.ToString(dateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyyMMddHHmmss" : "yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture);
        if (offset is { } o)
        {
            text += (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, int at, out int value)
    {
        value = 0;
        if (text.Length < at + 2 || !char.IsAsciiDigit(text[at]) || !char.IsAsciiDigit(text[at + 1]))
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }

    private static bool TryFraction(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if (text.Length < 2 || text.Length > 7 || text[0] != '.')
        {
            return false;
        }

        long scale = TimeSpan.TicksPerSecond;
        foreach (var c in text[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            scale /= 10;
            ticks += (c - '0') * scale;
        }

        return true;
    }
}
