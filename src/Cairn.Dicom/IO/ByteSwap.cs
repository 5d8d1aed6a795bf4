namespace Cairn.Dicom.IO;

/// <summary>Big endian values become little endian (and back) by reversing each value's bytes.</summary>
internal static class ByteSwap
{
    /// <summary>A copy of <paramref name="value"/> with every <paramref name="unit"/>-byte value reversed.</summary>
    public static byte[] Copy(ReadOnlySpan<byte> value, int unit)
    {
        var swapped = value.ToArray();
        for (var i = 0; i + unit <= swapped.Length; i += unit)
        {
            swapped.AsSpan(i, unit).Reverse();
        }

        return swapped;
    }
}
