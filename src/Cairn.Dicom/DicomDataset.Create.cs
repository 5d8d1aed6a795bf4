using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Cairn.Dicom;

// Strict creation: every Add checks the value against its VR and the data set's character set, and throws a
// DicomValueException that names the element and what is wrong. Add replaces an element with the same tag.
public sealed partial class DicomDataset
{
    /// <summary>Adds string values with the dictionary's VR for <paramref name="tag"/>.</summary>
    public DicomDataset Add(DicomTag tag, params string[] values) => Add(tag, DictionaryVR(tag), values);

    /// <summary>Adds string values (or, for binary number VRs, their decimal text) checked against <paramref name="vr"/>.</summary>
    public DicomDataset Add(DicomTag tag, DicomVR vr, params string[] values)
    {
        if (vr.IsSequence)
        {
            throw new DicomValueException($"{tag} is a sequence; add a DicomSequence.");
        }

        if (!vr.IsString)
        {
            return AddParsedNumbers(tag, vr, values);
        }

        if (vr.IsSingleValuedText && values.Length > 1)
        {
            throw new DicomValueException($"{tag} {vr} holds one value, not {values.Length}.");
        }

        foreach (var value in values)
        {
            if (DicomValueValidator.Check(vr, value) is { } problem)
            {
                throw new DicomValueException($"{tag} {vr} value '{value}': {problem}.");
            }
        }

        var text = string.Join('\\', values);
        byte[] bytes;
        if (tag == DicomTags.SpecificCharacterSet)
        {
            bytes = Encoding.ASCII.GetBytes(text);
        }
        else if (vr.IsCharacterSetDependent)
        {
            bytes = CharacterSet.Encode(text, vr);
        }
        else if (!Ascii.IsValid(text))
        {
            throw new DicomValueException($"{tag} {vr} value '{text}': only the default repertoire (ASCII) is allowed in {vr}.");
        }
        else
        {
            bytes = Encoding.ASCII.GetBytes(text);
        }

        Set(new DicomValueElement(tag, vr, Pad(bytes, vr)));
        return this;
    }

    public DicomDataset Add(DicomTag tag, DicomPersonName name) => Add(tag, DicomVR.PN, name.ToString());

    public DicomDataset Add(DicomTag tag, DateOnly date) => Add(tag, DicomVR.DA, DicomDateTime.FormatDate(date));

    public DicomDataset Add(DicomTag tag, TimeOnly time) => Add(tag, DicomVR.TM, DicomDateTime.FormatTime(time));

    /// <summary>Adds binary numbers; <typeparamref name="T"/> must match the VR (ushort for US, double for FD, …).</summary>
    public DicomDataset AddValues<T>(DicomTag tag, DicomVR vr, params T[] values)
        where T : unmanaged, INumber<T>
    {
        if (!vr.IsBinaryNumber && !vr.IsBulk || vr == DicomVR.AT)
        {
            throw new DicomValueException($"{tag} {vr} does not hold binary numbers.");
        }

        var expected = ExpectedType(vr);
        if (expected != typeof(T) && !(vr.ValueSize == 1 && typeof(T) == typeof(byte)))
        {
            throw new DicomValueException($"{tag} {vr} values are {expected.Name}, not {typeof(T).Name}.");
        }

        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Cairn.Dicom runs on little endian machines.");
        }

        Set(new DicomValueElement(tag, vr, Pad(bytes, vr)));
        return this;
    }

    /// <summary>Adds US values with the dictionary's VR (US or SS).</summary>
    public DicomDataset Add(DicomTag tag, params ushort[] values) => AddValues(tag, DicomVR.US, values);

    /// <summary>Adds AT values.</summary>
    public DicomDataset Add(DicomTag tag, params DicomTag[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), values[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((i * 4) + 2), values[i].Element);
        }

        Set(new DicomValueElement(tag, DicomVR.AT, bytes));
        return this;
    }

    /// <summary>Adds an OB, OW, UN (or other bulk) value from its bytes, little endian; padded to even length.</summary>
    public DicomDataset AddBytes(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
    {
        if (!vr.IsBulk)
        {
            throw new DicomValueException($"{tag} {vr} is not a bulk VR (OB, OD, OF, OL, OV, OW, UN).");
        }

        if (vr.ValueSize > 1 && bytes.Length % vr.ValueSize != 0)
        {
            throw new DicomValueException($"{tag} {vr}: {bytes.Length} bytes is not a whole number of {vr.ValueSize}-byte values.");
        }

        Set(new DicomValueElement(tag, vr, bytes.Length % 2 == 0 ? bytes : Pad(bytes.ToArray(), vr)));
        return this;
    }

    /// <summary>Adds a sequence of the given items (an empty sequence when none).</summary>
    public DicomDataset Add(DicomTag tag, params DicomDataset[] items)
    {
        // A private tag is in no dictionary: its VR is the one given here, SQ.
        if (!tag.IsPrivate && DictionaryVR(tag) != DicomVR.SQ)
        {
            throw new DicomValueException($"{tag} is not a sequence in the data dictionary.");
        }

        Set(new DicomSequence(tag, items));
        return this;
    }

    /// <summary>
    /// The private tag for <paramref name="elementOffset"/> (0x00–0xFF) in the block that <paramref name="creator"/>
    /// reserves in <paramref name="group"/>; the block is reserved (a creator element added) if it is not yet.
    /// </summary>
    public DicomTag ReservePrivateTag(ushort group, string creator, byte elementOffset)
    {
        if (GetPrivateTag(group, creator, elementOffset) is { } existing)
        {
            return existing;
        }

        if ((group & 1) == 0 || group <= 0x0007 || group == 0xFFFF)
        {
            throw new DicomValueException($"group {group:X4} is not a private group.");
        }

        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (!Contains(creatorTag))
            {
                Add(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
        }

        throw new DicomValueException($"all 240 private blocks of group {group:X4} are reserved.");
    }

    /// <summary>The tag of a private element by creator and offset, or null when the creator has no block here.</summary>
    public DicomTag? GetPrivateTag(ushort group, string creator, byte elementOffset)
    {
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (Get(creatorTag) is DicomValueElement && GetString(creatorTag)?.Trim() == creator)
            {
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
        }

        return null;
    }

    /// <summary>The private creator that owns a private data element, or null.</summary>
    public string? GetPrivateCreator(DicomTag tag) =>
        tag.IsPrivate && !tag.IsPrivateCreator && tag.Element >= 0x1000 ? GetString(tag.PrivateCreatorTag)?.Trim() : null;

    private DicomDataset AddParsedNumbers(DicomTag tag, DicomVR vr, string[] values)
    {
        try
        {
            var c = CultureInfo.InvariantCulture;
            return vr.Code switch
            {
                VRCode.US => AddValues(tag, vr, [.. values.Select(v => ushort.Parse(v, c))]),
                VRCode.SS => AddValues(tag, vr, [.. values.Select(v => short.Parse(v, c))]),
                VRCode.UL => AddValues(tag, vr, [.. values.Select(v => uint.Parse(v, c))]),
                VRCode.SL => AddValues(tag, vr, [.. values.Select(v => int.Parse(v, c))]),
                VRCode.UV => AddValues(tag, vr, [.. values.Select(v => ulong.Parse(v, c))]),
                VRCode.SV => AddValues(tag, vr, [.. values.Select(v => long.Parse(v, c))]),
                VRCode.FL => AddValues(tag, vr, [.. values.Select(v => float.Parse(v, c))]),
                VRCode.FD => AddValues(tag, vr, [.. values.Select(v => double.Parse(v, c))]),
                VRCode.AT => Add(tag, [.. values.Select(DicomTag.Parse)]),
                _ => throw new DicomValueException($"{tag} {vr} does not take text values; use AddBytes."),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DicomValueException($"{tag} {vr} value '{string.Join('\\', values)}': {e.Message}", e);
        }
    }

    private static Type ExpectedType(DicomVR vr) => vr.Code switch
    {
        VRCode.US or VRCode.OW => typeof(ushort),
        VRCode.SS => typeof(short),
        VRCode.UL or VRCode.OL => typeof(uint),
        VRCode.SL => typeof(int),
        VRCode.UV or VRCode.OV => typeof(ulong),
        VRCode.SV => typeof(long),
        VRCode.FL or VRCode.OF => typeof(float),
        VRCode.FD or VRCode.OD => typeof(double),
        _ => typeof(byte),
    };

    private static DicomVR DictionaryVR(DicomTag tag) =>
        tag.IsPrivateCreator ? DicomVR.LO
        : DicomDictionary.VROf(tag)
        ?? throw new DicomValueException($"{tag} is not in the data dictionary; give its VR.");

    private static byte[] Pad(byte[] bytes, DicomVR vr)
    {
        if (bytes.Length % 2 == 0)
        {
            return bytes;
        }

        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = vr.PaddingByte;
        return padded;
    }
}
