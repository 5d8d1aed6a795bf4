using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>Values of a binary number VR (US, SS, UL, SL, UV, SV, FL, FD), added with AddValues or as decimal text.</summary>
public sealed class NumberValue<T> : GeneratedValue
    where T : unmanaged, INumber<T>
{
    public NumberValue(DicomVR vr, T[] values, bool asText)
        : base(vr)
    {
        AsText = asText;
        Given = values;

        // Text goes through the type's own parser: what it yields for the text is what must come back.
        Values = asText ? [.. values.Select(v => T.Parse(Text(v), CultureInfo.InvariantCulture))] : values;
    }

    public T[] Given { get; }

    public T[] Values { get; }

    public bool AsText { get; }

    public override void AddTo(DicomDataset dataset, DicomTag tag)
    {
        if (AsText)
        {
            dataset.Add(tag, VR, [.. Given.Select(Text)]);
        }
        else
        {
            dataset.AddValues(tag, VR, Given);
        }
    }

    public override void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg)
    {
        var values = read.GetValues<T>(tag);
        Assert.Equal(Bytes(Values), Bytes(values));
        var floating = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        // GetValues compared every value; the typed getters are checked at both ends of a long list.
        var indices = Values.Length <= 64 ? Enumerable.Range(0, Values.Length) : Enumerable.Range(0, 32).Concat(Enumerable.Range(Values.Length - 32, 32));
        foreach (var i in indices)
        {
            var expected = double.CreateTruncating(Values[i]);
            if (floating)
            {
                Assert.True(read.TryGetDouble(tag, out var number, i));
                Assert.True(
                    double.IsNaN(expected) ? double.IsNaN(number) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(number),
                    $"value {i} reads as {number}, not {expected}");
                continue;
            }

            // UV values above long.MaxValue have no Int64; every other integer has, and so a double.
            var fits = typeof(T) != typeof(ulong) || ulong.CreateTruncating(Values[i]) <= long.MaxValue;
            Assert.Equal(fits, read.TryGetInt64(tag, out var integer, i));
            if (fits)
            {
                Assert.Equal(long.CreateTruncating(Values[i]), integer);
                Assert.True(read.TryGetDouble(tag, out var number, i));
                Assert.Equal(expected, number);
            }
        }

        Assert.False(read.TryGetDouble(tag, out _, Values.Length));
    }

    public override string ToString() =>
        $"{VR}{(AsText ? " text" : "")} [{(Given.Length > 12 ? $"{Given.Length} values" : string.Join(", ", Given.Select(Text)))}]";

    private static string Text(T value) =>
        value.ToString(typeof(T) == typeof(float) || typeof(T) == typeof(double) ? "R" : null, CultureInfo.InvariantCulture);

    private static byte[] Bytes(T[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
