using System.Numerics;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// A JSON number compared by its exact decimal value, not by its text or a double: "1.50", "1.5" and "15e-1" are
/// equal, "0.1" and "0.10000000000000001" are not.
/// </summary>
public readonly record struct DecimalText(bool Negative, BigInteger Digits, int Exponent)
{
    /// <summary>The number as sign, digits without trailing zeros and a power of ten; zero has no sign.</summary>
    public static DecimalText Parse(string json)
    {
        var text = json.AsSpan();
        var negative = text.StartsWith("-");
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var digits = text.ToString().Replace(".", "", StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
        }

        var value = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (value.IsZero)
        {
            return new DecimalText(false, 0, 0);
        }

        while (value % 10 == 0)
        {
            value /= 10;
            exponent++;
        }

        return new DecimalText(negative, value, exponent);
    }
}
