using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Cairn.Dicom;

// Typed read access. Lenient: a value that does not parse makes TryGet* return false (and Get* throw a
// DicomValueException that names the element), but it stays in the data set as its bytes.
public sealed partial class DicomDataset
{
    /// <summary>The whole decoded string value (all values with their backslashes), trailing padding removed; null when absent.</summary>
    public string? GetString(DicomTag tag)
    {
        if (Get(tag) is not { } element)
        {
            return null;
        }

        var value = RequireValue(element);
        if (!value.VR.IsString && value.VR != DicomVR.UN)
        {
            throw new DicomValueException($"{tag} {value.VR} is not a string; read it with GetValues or GetBytes.");
        }

        return DecodeString(value);
    }

    /// <summary>The values of a string element, each without its padding; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var text = GetString(tag);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var vr = Get(tag)!.VR;
        if (vr.IsSingleValuedText)
        {
            return [text];
        }

        // Only trailing spaces pad UC and PN; leading ones are part of the value (PS3.5 6.2). Elsewhere both pad.
        var keepLeading = vr == DicomVR.UC || vr == DicomVR.PN;
        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = keepLeading ? values[i].TrimEnd(' ', '\0') : values[i].Trim(' ', '\0');
        }

        return values;
    }

    /// <summary>The value at <paramref name="index"/> of a multi-valued string, or null when there is none.</summary>
    public string? GetString(DicomTag tag, int index)
    {
        var values = GetStrings(tag);
        return index < values.Length ? values[index] : null;
    }

    public bool TryGetString(DicomTag tag, out string value)
    {
        value = "";
        if (Get(tag) is not DicomValueElement { VR.IsString: true } element)
        {
            return false;
        }

        value = DecodeString(element);
        return true;
    }

    /// <summary>The raw bytes of a value element (little endian); empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) => Get(tag) is DicomValueElement v ? v.Value : ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// The values of a binary number or OB/OW/OL/OF/OD/OV element as <typeparamref name="T"/>, which must have the
    /// VR's value size (ushort for US, float for FL, …). A trailing partial value is ignored.
    /// </summary>
    public T[] GetValues<T>(DicomTag tag)
        where T : unmanaged
    {
        if (Get(tag) is not { } element)
        {
            return [];
        }

        var value = RequireValue(element);
        var size = Marshal.SizeOf<T>();
        if (value.VR.ValueSize == 0 || (value.VR.ValueSize != size && value.VR.ValueSize != 1))
        {
            throw new DicomValueException($"{tag} {value.VR} values are not {typeof(T).Name} ({size} bytes each).");
        }

        var bytes = value.Value.Span;
        return MemoryMarshal.Cast<byte, T>(bytes[..(bytes.Length - (bytes.Length % size))]).ToArray();
    }

    /// <summary>
    /// The first (or <paramref name="index"/>th) value as an integer, from US, SS, UL, SL, SV, UV or IS.
    /// False when absent, empty, not an integer or out of range.
    /// </summary>
    public bool TryGetInt64(DicomTag tag, out long value, int index = 0)
    {
        value = 0;
        if (Get(tag) is not DicomValueElement element)
        {
            return false;
        }

        var span = element.Value.Span;
        switch (element.VR.Code)
        {
            case VRCode.US when span.Length >= (index + 1) * 2:
                value = BinaryPrimitives.ReadUInt16LittleEndian(span[(index * 2)..]);
                return true;
            case VRCode.SS when span.Length >= (index + 1) * 2:
                value = BinaryPrimitives.ReadInt16LittleEndian(span[(index * 2)..]);
                return true;
            case VRCode.UL when span.Length >= (index + 1) * 4:
                value = BinaryPrimitives.ReadUInt32LittleEndian(span[(index * 4)..]);
                return true;
            case VRCode.SL when span.Length >= (index + 1) * 4:
                value = BinaryPrimitives.ReadInt32LittleEndian(span[(index * 4)..]);
                return true;
            case VRCode.SV when span.Length >= (index + 1) * 8:
                value = BinaryPrimitives.ReadInt64LittleEndian(span[(index * 8)..]);
                return true;
            case VRCode.UV when span.Length >= (index + 1) * 8:
                var unsigned = BinaryPrimitives.ReadUInt64LittleEndian(span[(index * 8)..]);
                value = (long)unsigned;
                return unsigned <= long.MaxValue;
            case VRCode.IS:
                return GetString(tag, index) is { } text
                    && long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }

    public bool TryGetInt32(DicomTag tag, out int value, int index = 0)
    {
        value = 0;
        if (!TryGetInt64(tag, out var wide, index) || wide is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)wide;
        return true;
    }

    /// <summary>The first (or <paramref name="index"/>th) value as a double, from FL, FD, DS or any integer VR.</summary>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (Get(tag) is not DicomValueElement element)
        {
            return false;
        }

        var span = element.Value.Span;
        switch (element.VR.Code)
        {
            case VRCode.FL when span.Length >= (index + 1) * 4:
                value = BinaryPrimitives.ReadSingleLittleEndian(span[(index * 4)..]);
                return true;
            case VRCode.FD when span.Length >= (index + 1) * 8:
                value = BinaryPrimitives.ReadDoubleLittleEndian(span[(index * 8)..]);
                return true;
            case VRCode.UV when span.Length >= (index + 1) * 8:
                // Beyond long's range an unsigned value still has a (rounded) double.
                value = BinaryPrimitives.ReadUInt64LittleEndian(span[(index * 8)..]);
                return true;
            case VRCode.DS:
                return GetString(tag, index) is { } text
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            default:
                if (TryGetInt64(tag, out var integer, index))
                {
                    value = integer;
                    return true;
                }

                return false;
        }
    }

    /// <summary>All values of a DS, IS, FL, FD or integer element as doubles; false if any does not parse.</summary>
    public bool TryGetDoubles(DicomTag tag, out double[] values)
    {
        values = [];
        if (Get(tag) is not DicomValueElement element)
        {
            return false;
        }

        var count = element.VR.IsString ? GetStrings(tag).Length : element.VR.ValueSize > 0 ? element.Length / element.VR.ValueSize : 0;
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryGetDouble(tag, out result[i], i))
            {
                return false;
            }
        }

        values = result;
        return true;
    }

    public bool TryGetDate(DicomTag tag, out DateOnly date)
    {
        date = default;
        return GetStringOrNull(tag, VRCode.DA) is { } text && DicomDateTime.TryParseDate(text, out date);
    }

    public bool TryGetTime(DicomTag tag, out TimeOnly time)
    {
        time = default;
        return GetStringOrNull(tag, VRCode.TM) is { } text && DicomDateTime.TryParseTime(text, out time);
    }

    public bool TryGetDateTime(DicomTag tag, out DateTime dateTime, out TimeSpan? offset)
    {
        dateTime = default;
        offset = null;
        return GetStringOrNull(tag, VRCode.DT) is { } text && DicomDateTime.TryParseDateTime(text, out dateTime, out offset);
    }

    /// <summary>The first PN value, or null when absent or empty.</summary>
    public DicomPersonName? GetPersonName(DicomTag tag) =>
        GetPersonNames(tag) is [var first, ..] ? first : null;

    public DicomPersonName[] GetPersonNames(DicomTag tag) =>
        Get(tag)?.VR == DicomVR.PN ? [.. GetStrings(tag).Select(DicomPersonName.Parse)] : [];

    /// <summary>The values of an AT element.</summary>
    public DicomTag[] GetTags(DicomTag tag)
    {
        if (Get(tag) is not DicomValueElement { VR.Code: VRCode.AT } element)
        {
            return [];
        }

        var span = element.Value.Span;
        var tags = new DicomTag[span.Length / 4];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(span[((i * 4) + 2)..]));
        }

        return tags;
    }

    public DicomSequence? GetSequence(DicomTag tag) => Get(tag) as DicomSequence;

    /// <summary>Decodes a string element's bytes with this data set's character set; padding is removed.</summary>
    internal string DecodeString(DicomValueElement element)
    {
        var bytes = element.Value.Span;
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is 0 or (byte)' ')
        {
            end--;
        }

        bytes = bytes[..end];
        return element.VR.IsCharacterSetDependent || element.VR == DicomVR.UN
            ? CharacterSet.Decode(bytes, element.VR)
            : DicomCharacterSet.Default.Decode(bytes, element.VR);
    }

    private string? GetStringOrNull(DicomTag tag, ushort vrCode) =>
        Get(tag) is DicomValueElement element && element.VR.Code == vrCode ? DecodeString(element) : null;

    private static DicomValueElement RequireValue(DicomElement element) =>
        element as DicomValueElement ?? throw new DicomValueException($"{element.Tag} {element.VR} holds {(element is DicomSequence ? "items" : "fragments")}, not a value.");
}
