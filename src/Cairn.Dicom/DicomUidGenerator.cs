using System.Globalization;
using System.Numerics;

namespace Cairn.Dicom;

/// <summary>New UIDs under the 2.25 root: the decimal value of a random UUID (PS3.5 B.2), at most 44 characters.</summary>
public static class DicomUidGenerator
{
    public static string New() =>
        "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
}
