using System.Runtime.InteropServices;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>An OB, OD, OF, OL, OV, OW or UN value, added with AddBytes or AddValues.</summary>
public sealed class BulkValue : GeneratedValue
{
    public BulkValue(DicomVR vr, byte[] bytes, bool asValues)
        : base(vr)
    {
        Bytes = bytes;
        AsValues = asValues;
    }

    /// <summary>The value's bytes, little endian; a whole number of values of the VR.</summary>
    public byte[] Bytes { get; }

    public bool AsValues { get; }

    public override void AddTo(DicomDataset dataset, DicomTag tag)
    {
        // Copies: the data set keeps the memory it is given.
        if (!AsValues)
        {
            dataset.AddBytes(tag, VR, Bytes.ToArray());
            return;
        }

        switch (VR.ToString())
        {
            case "OW":
                dataset.AddValues(tag, VR, Cast<ushort>());
                break;
            case "OL":
                dataset.AddValues(tag, VR, Cast<uint>());
                break;
            case "OV":
                dataset.AddValues(tag, VR, Cast<ulong>());
                break;
            case "OF":
                dataset.AddValues(tag, VR, Cast<float>());
                break;
            case "OD":
                dataset.AddValues(tag, VR, Cast<double>());
                break;
            default:
                dataset.AddValues(tag, VR, Bytes.ToArray());
                break;
        }
    }

    public override void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg)
    {
        // A value has even length: an odd one is padded with a zero byte (PS3.5 7.1.1).
        var padded = new byte[Bytes.Length + (Bytes.Length & 1)];
        Bytes.CopyTo(padded, 0);
        Assert.Equal(padded, read.GetBytes(tag).ToArray());
        switch (VR.ToString())
        {
            case "OW":
                Assert.Equal(Cast<ushort>(), read.GetValues<ushort>(tag));
                break;
            case "OL":
                Assert.Equal(Cast<uint>(), read.GetValues<uint>(tag));
                break;
            case "OV":
                Assert.Equal(Cast<ulong>(), read.GetValues<ulong>(tag));
                break;
            case "OF":
                Assert.Equal(Bytes, MemoryMarshal.AsBytes(read.GetValues<float>(tag).AsSpan()).ToArray());
                break;
            case "OD":
                Assert.Equal(Bytes, MemoryMarshal.AsBytes(read.GetValues<double>(tag).AsSpan()).ToArray());
                break;
        }
    }

    public override string ToString() => $"{VR}{(AsValues ? " values" : "")} {Bytes.Length} bytes{(Bytes.Length <= 16 ? $" [{Convert.ToHexString(Bytes)}]" : "")}";

    private T[] Cast<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes).ToArray();
}
