using System.Buffers.Binary;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// One change to an encoded file: a bit flip, a byte set, a cut, bytes inserted or removed, a length or a delimiter
/// tag written over four bytes, or a VR replaced by another. <see cref="Where"/> is taken modulo the file's length.
/// </summary>
public sealed record Mutation(MutationKind Kind, uint Where, uint Value)
{
    private static ReadOnlySpan<uint> InterestingLengths => [0, 1, 2, 3, 7, 8, 0xFF, 0x100, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF];

    private static ReadOnlySpan<uint> DelimiterTags => [0xFFFE_E000, 0xFFFE_E00D, 0xFFFE_E0DD];

    public byte[] Apply(byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }

        var at = (int)(Where % (uint)data.Length);
        var result = data.ToArray();
        switch (Kind)
        {
            case MutationKind.FlipBit:
                result[at] ^= (byte)(1 << (int)(Value % 8));
                return result;
            case MutationKind.SetByte:
                result[at] = (byte)Value;
                return result;
            case MutationKind.Truncate:
                return data[..at];
            case MutationKind.Delete:
                return [.. data[..at], .. data[Math.Min(data.Length, at + 1 + (int)(Value % 16))..]];
            case MutationKind.Insert:
                return [.. data[..at], .. BitConverter.GetBytes(Value)[..(1 + (int)(Value % 4))], .. data[at..]];
            case MutationKind.Length when at + 4 <= data.Length:
                BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(at), InterestingLengths[(int)(Value % (uint)InterestingLengths.Length)]);
                return result;
            case MutationKind.Delimiter when at + 4 <= data.Length:
                var tag = DelimiterTags[(int)(Value % (uint)DelimiterTags.Length)];
                BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(at), (ushort)(tag >> 16));
                BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(at + 2), (ushort)tag);
                return result;
            case MutationKind.ReplaceVR:
                // Another VR where the file has one: what an explicit VR reader trusts most.
                var places = Enumerable.Range(0, data.Length - 1).Where(i => DicomVR.FromBytes(data[i], data[i + 1]).IsKnown).ToArray();
                if (places.Length > 0)
                {
                    var vr = DicomVR.All[(int)(Value % (uint)DicomVR.All.Count)];
                    var place = places[at % places.Length];
                    result[place] = (byte)vr.First;
                    result[place + 1] = (byte)vr.Second;
                }

                return result;
            default:
                return result;
        }
    }

    public override string ToString() => $"{Kind} at {Where} ({Value:X})";
}
