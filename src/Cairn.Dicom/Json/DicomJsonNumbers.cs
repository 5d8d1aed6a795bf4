using System.Globalization;
using System.Text;

namespace Cairn.Dicom.Json;

/// <summary>
/// DS and IS values as JSON numbers. The number is the value's own text, normalised as DCMTK does (no '+' signs, no
/// leading zeros, "0" before a bare '.') and made valid JSON ("1." becomes "1"), never re-formatted through a
/// double, so that no digit the sender wrote is lost.
/// </summary>
internal static class DicomJsonNumbers
{
    /// <summary>The JSON number for a DS value (without padding), or null when the value is not a decimal number.</summary>
    public static string? DecimalString(ReadOnlySpan<char> value)
    {
        var i = 0;
        var negative = false;
        if (i < value.Length && value[i] is '+' or '-')
        {
            negative = value[i] == '-';
            i++;
        }

        var integer = Digits(value, ref i);
        var fraction = ReadOnlySpan<char>.Empty;
        if (i < value.Length && value[i] == '.')
        {
            i++;
            fraction = Digits(value, ref i);
        }

        if (integer.IsEmpty && fraction.IsEmpty)
        {
            return null;
        }

        var exponentMark = '\0';
        var exponentNegative = false;
        var exponent = ReadOnlySpan<char>.Empty;
        if (i < value.Length && value[i] is 'e' or 'E')
        {
            exponentMark = value[i++];
            if (i < value.Length && value[i] is '+' or '-')
            {
                exponentNegative = value[i++] == '-';
            }

            exponent = Digits(value, ref i);
            if (exponent.IsEmpty)
            {
                return null;
            }
        }

        if (i != value.Length)
        {
            return null;
        }

        var sb = new StringBuilder(value.Length + 2);
        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(WithoutLeadingZeros(integer));
        if (!fraction.IsEmpty)
        {
            sb.Append('.').Append(fraction);
        }

        if (exponentMark != '\0')
        {
            sb.Append(exponentMark);
            if (exponentNegative)
            {
                sb.Append('-');
            }

            sb.Append(exponent);
        }

        return sb.ToString();
    }

    /// <summary>The JSON number for an IS value (without padding), or null when it is not an integer in IS's range.</summary>
    public static string? IntegerString(ReadOnlySpan<char> value)
    {
        var i = 0;
        var negative = false;
        if (i < value.Length && value[i] is '+' or '-')
        {
            negative = value[i] == '-';
            i++;
        }

        var digits = Digits(value, ref i);
        if (digits.IsEmpty || i != value.Length)
        {
            return null;
        }

        var text = WithoutLeadingZeros(digits);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude)
            || (negative ? -magnitude < int.MinValue : magnitude > int.MaxValue))
        {
            return null;
        }

        return negative ? "-" + text.ToString() : text.ToString();
    }

    private static ReadOnlySpan<char> Digits(ReadOnlySpan<char> value, scoped ref int i)
    {
        var start = i;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
        }

        return value[start..i];
    }

    private static ReadOnlySpan<char> WithoutLeadingZeros(ReadOnlySpan<char> digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.IsEmpty ? "0" : trimmed;
    }
}
