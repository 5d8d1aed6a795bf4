using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Cairn.Dicom.IO;

/// <summary>
/// Reads a DICOM file from bytes: Part 10 (preamble, "DICM", File Meta Information) or a bare data set, whose
/// encoding is then recognised from its first element. Deflated data sets are inflated first.
/// </summary>
internal static class DicomFileReader
{
    private const int PreambleLength = 128;

    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReadOptions options) => TryRead(data, options, complete: true)!;

    /// <summary>
    /// Reads <paramref name="data"/>. When it is only the start of a file (<paramref name="complete"/> false), null
    /// means that the stop tag was not reached and the caller must supply more.
    /// </summary>
    public static DicomFile? TryRead(ReadOnlyMemory<byte> data, DicomReadOptions options, bool complete)
    {
        if (data.IsEmpty)
        {
            throw new DicomFormatException("not a DICOM file: the file is empty (at byte 0)", 0);
        }

        var warnings = new List<DicomReadWarning>();
        var span = data.Span;
        int metaStart;
        if (span.Length >= PreambleLength + 4 && span.Slice(PreambleLength, 4).SequenceEqual("DICM"u8))
        {
            metaStart = PreambleLength + 4;
        }
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            warnings.Add(new DicomReadWarning(0, "the file starts with DICM without the 128-byte preamble"));
            metaStart = 4;
        }
        else
        {
            metaStart = -1;
        }

        DicomDataset meta;
        int datasetStart;
        DicomEncoding? announced = null;
        DicomTransferSyntax? syntax = null;
        if (metaStart >= 0 || LooksLikeMetaGroup(span))
        {
            var start = Math.Max(metaStart, 0);
            var metaParser = new DicomDatasetParser(data, DicomEncoding.ExplicitLittleEndian, options with { StopAtTag = null }, warnings);
            meta = metaParser.ParseFileMetaInformation(start);
            datasetStart = metaParser.Position;
            if (metaStart < 0)
            {
                warnings.Add(new DicomReadWarning(0, "the file has File Meta Information but no preamble and no DICM prefix"));
            }

            // TryGetString: a damaged VR (not a string) must not escape as a DicomValueException.
            if (meta.TryGetString(DicomTags.TransferSyntaxUID, out var uid) && uid.Length > 0)
            {
                syntax = DicomTransferSyntax.Lookup(uid);
                announced = DicomEncoding.Of(syntax);
                if (!syntax.IsKnown)
                {
                    warnings.Add(new DicomReadWarning(datasetStart, $"unknown transfer syntax {uid}; read as explicit VR little endian"));
                }
            }
            else
            {
                warnings.Add(new DicomReadWarning(start, "the File Meta Information has no Transfer Syntax UID (0002,0010); the encoding is recognised from the data set"));
            }
        }
        else
        {
            meta = new DicomDataset();
            datasetStart = 0;
        }

        if (syntax is { IsDeflated: true })
        {
            if (!complete)
            {
                return null;
            }

            var inflated = Inflate(data[datasetStart..], options.MaxInflatedLength, datasetStart);
            var inflatedParser = new DicomDatasetParser(inflated, announced!.Value, options, warnings);
            var deflatedDataset = inflatedParser.ParseDataset(0);
            return new DicomFile(meta, deflatedDataset, syntax, warnings, metaStart >= 0) { DatasetOffset = datasetStart };
        }

        var encoding = announced ?? Recognise(span[datasetStart..])
            ?? throw new DicomFormatException(datasetStart == 0
                ? "not a DICOM file: no DICM prefix at byte 128 and the data does not start with a DICOM data element (at byte 0)"
                : $"the data set after the File Meta Information does not start with a DICOM data element (at byte {datasetStart})", datasetStart);

        var parser = new DicomDatasetParser(data, encoding, options, warnings);
        var dataset = parser.ParseDataset(datasetStart);
        if (!complete && parser.Position >= data.Length)
        {
            return null;
        }

        // A data set announced explicit but read as implicit keeps its announced syntax (the warning says what
        // was found), so that writing it repairs the file instead of spreading the error.
        syntax ??= SyntaxOf(parser.Encoding);

        return new DicomFile(meta, dataset, syntax, warnings, metaStart >= 0) { DatasetOffset = datasetStart };
    }

    /// <summary>
    /// The encoding of a bare data set, judged by its first element: a plausible group number (0001 to 00FF, as a
    /// data set's first element has) in little or big endian, then VR characters or not.
    /// </summary>
    internal static DicomEncoding? Recognise(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8)
        {
            return null;
        }

        var remaining = (uint)(span.Length - 8);
        foreach (var bigEndian in new[] { false, true })
        {
            var group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
            if (group is 0 or > 0x00FF)
            {
                continue;
            }

            if (span[4] is >= (byte)'A' and <= (byte)'Z' && span[5] is >= (byte)'A' and <= (byte)'Z')
            {
                var vr = DicomVR.FromBytes(span[4], span[5]);
                if (vr.IsKnown)
                {
                    return new DicomEncoding(true, bigEndian);
                }
            }

            // Implicit VR is only defined little endian.
            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            if (!bigEndian && (length == 0xFFFF_FFFF || length <= remaining))
            {
                return DicomEncoding.ImplicitLittleEndian;
            }
        }

        return null;
    }

    private static bool LooksLikeMetaGroup(ReadOnlySpan<byte> span) =>
        span.Length >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(span) == 0x0002 && span[4] is >= (byte)'A' and <= (byte)'Z';

    private static DicomTransferSyntax SyntaxOf(DicomEncoding encoding) =>
        !encoding.ExplicitVR ? DicomTransferSyntax.ImplicitVRLittleEndian
        : encoding.BigEndian ? DicomTransferSyntax.ExplicitVRBigEndian
        : DicomTransferSyntax.ExplicitVRLittleEndian;

    internal static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> deflated, long maxLength, int offset)
    {
        using var input = MemoryMarshal.TryGetArray(deflated, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(deflated.ToArray(), writable: false);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream((int)Math.Min(Math.Min((long)deflated.Length * 4, maxLength), Array.MaxLength));
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = inflater.Read(chunk)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    throw new DicomFormatException($"the deflated data set inflates to more than {maxLength} bytes (at byte {offset})", offset);
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"the deflated data set is corrupt: {e.Message} (at byte {offset})", offset);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
