using System.IO.Compression;

namespace Cairn.Dicom.IO;

/// <summary>
/// A data set on its own, without File Meta Information, in a given transfer syntax: what DIMSE messages carry
/// (command sets always in implicit VR little endian, data sets in the presentation context's syntax).
/// </summary>
public static class DicomDatasetSerializer
{
    /// <summary>The whole encoding in one array: for small data sets such as DIMSE command sets.</summary>
    public static byte[] Encode(DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        using var output = new MemoryStream();
        foreach (var chunk in EncodeChunks(dataset, transferSyntax, options, bufferSize: 4096))
        {
            output.Write(chunk.Span);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The encoding as chunks, each valid only until the next is asked for; large values come through as the
    /// slices they are, so a sender can frame them into PDUs without copying them first.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> EncodeChunks(DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null, int bufferSize = 64 * 1024)
    {
        options ??= DicomWriteOptions.Default;
        if (!transferSyntax.IsDeflated || transferSyntax.IsEncapsulated)
        {
            return new DicomDatasetWriter(DicomEncoding.Of(transferSyntax), options, bufferSize).Encode(dataset);
        }

        using var output = new MemoryStream();
        using (var deflater = new DeflateStream(output, options.DeflateLevel, leaveOpen: true))
        {
            foreach (var chunk in new DicomDatasetWriter(DicomEncoding.Of(transferSyntax), options, bufferSize).Encode(dataset))
            {
                deflater.Write(chunk.Span);
            }
        }

        if (output.Length % 2 == 1)
        {
            output.WriteByte(0); // PS3.5 A.5: the deflated stream is padded to even length
        }

        return [output.ToArray()];
    }

    /// <summary>Decodes a data set encoded in <paramref name="transferSyntax"/>; values are slices of <paramref name="data"/>.</summary>
    public static DicomDataset Decode(ReadOnlyMemory<byte> data, DicomTransferSyntax transferSyntax, DicomReadOptions? options = null, List<DicomReadWarning>? warnings = null)
    {
        options ??= DicomReadOptions.Default;
        warnings ??= [];
        if (transferSyntax.IsDeflated && !transferSyntax.IsEncapsulated)
        {
            data = DicomFileReader.Inflate(data, options.MaxInflatedLength, 0);
        }

        return new DicomDatasetParser(data, DicomEncoding.Of(transferSyntax), options, warnings).ParseDataset(0);
    }
}
