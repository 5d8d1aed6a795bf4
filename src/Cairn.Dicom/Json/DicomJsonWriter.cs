using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cairn.Dicom.Json;

/// <summary>
/// Writes data sets in the DICOM JSON model (PS3.18 Annex F) through a <see cref="Utf8JsonWriter"/>, element by
/// element. No document is built: the writer's buffer is handed on whenever it holds more than a threshold, and
/// binary values are base64-encoded in segments, so memory stays small whatever the size of the data set.
/// </summary>
/// <remarks>
/// Strings are decoded with the character set of the data set (or item) that holds them and written as UTF-8, so a
/// Specific Character Set (0008,0005), wherever present, is written as "ISO_IR 192". DS and IS values are JSON
/// numbers made from their own text (see <see cref="DicomJsonNumbers"/>), or strings when they are not numbers.
/// Trailing empty components of a person name are left out, as PS3.5 6.2.1 allows and DCMTK does.
/// </remarks>
public sealed class DicomJsonWriter
{
    // The buffer is handed on once it holds this much; binary values are encoded this much at a time.
    private const int FlushThreshold = 64 * 1024;
    private const int Base64Segment = 48 * 1024;

    // Larger SV/UV magnitudes are written as strings: JSON readers commonly hold numbers as doubles.
    private const ulong ExactIntegerLimit = 1UL << 53;

    private readonly DicomJsonWriterOptions _options;

    public DicomJsonWriter(DicomJsonWriterOptions? options = null)
    {
        _options = options ?? DicomJsonWriterOptions.Default;
    }

    /// <summary>The options of the <see cref="Utf8JsonWriter"/>s this writer creates.</summary>
    public JsonWriterOptions JsonWriterOptions => new()
    {
        Indented = _options.Indented,
        NewLine = "\n",
        // The output is a JSON document, not HTML: non-ASCII text stays UTF-8 rather than \u escapes, as in DCMTK.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the data set as one JSON object (UTF-8) to <paramref name="utf8Json"/>.</summary>
    public void Write(Stream utf8Json, DicomDataset dataset)
    {
        using var writer = new Utf8JsonWriter(utf8Json, JsonWriterOptions);
        Write(writer, dataset);
    }

    public async Task WriteAsync(Stream utf8Json, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        var writer = new Utf8JsonWriter(utf8Json, JsonWriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var unused in Steps(writer, dataset))
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the data set as one JSON object to a text writer, chunk by chunk.</summary>
    public void Write(TextWriter text, DicomDataset dataset)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold);
        using var writer = new Utf8JsonWriter(buffer, JsonWriterOptions);
        var decoder = Encoding.UTF8.GetDecoder();
        foreach (var unused in Steps(writer, dataset))
        {
            writer.Flush();
            text.Write(Drain(buffer, decoder, final: false));
        }

        writer.Flush();
        text.Write(Drain(buffer, decoder, final: true));
    }

    public async Task WriteAsync(TextWriter text, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold);
        var writer = new Utf8JsonWriter(buffer, JsonWriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            var decoder = Encoding.UTF8.GetDecoder();
            foreach (var unused in Steps(writer, dataset))
            {
                writer.Flush();
                await text.WriteAsync(Drain(buffer, decoder, final: false).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            writer.Flush();
            await text.WriteAsync(Drain(buffer, decoder, final: true).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the data set as one JSON object (or, in an array, one array element) into <paramref name="writer"/>,
    /// flushing it as its buffer fills. The writer should have <see cref="JsonWriterOptions"/>' encoder.
    /// </summary>
    public void Write(Utf8JsonWriter writer, DicomDataset dataset)
    {
        foreach (var unused in Steps(writer, dataset))
        {
            writer.Flush();
        }

        writer.Flush();
    }

    public byte[] SerializeToUtf8Bytes(DicomDataset dataset)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriterOptions))
        {
            Write(writer, dataset);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public string Serialize(DicomDataset dataset) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(dataset));

    /// <summary>
    /// Writes the data set and yields whenever the writer's buffer should be handed on; the caller flushes, in
    /// whichever way (synchronous or not) suits its output.
    /// </summary>
    private IEnumerable<bool> Steps(Utf8JsonWriter writer, DicomDataset dataset)
    {
        writer.WriteStartObject();
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength && !_options.IncludeGroupLengths)
            {
                continue;
            }

            // An unknown VR cannot be interpreted; its bytes go out as UN, which is what they are.
            var vr = element.VR.IsKnown ? element.VR : DicomVR.UN;
            WriteKey(writer, element.Tag);
            writer.WriteStartObject();
            WriteVR(writer, vr);
            switch (element)
            {
                case DicomSequence sequence:
                    if (sequence.Items.Count > 0)
                    {
                        writer.WriteStartArray("Value"u8);
                        foreach (var item in sequence.Items)
                        {
                            foreach (var step in Steps(writer, item))
                            {
                                yield return step;
                            }
                        }

                        writer.WriteEndArray();
                    }

                    break;
                case DicomFragments fragments:
                    foreach (var step in Binary(writer, dataset, fragments, DicomEncapsulatedValue.Pieces(fragments)))
                    {
                        yield return step;
                    }

                    break;
                case DicomValueElement value when vr.IsBulk:
                    if (!value.IsEmpty)
                    {
                        // An odd length is a malformed value; it goes out padded, as a DICOM writer writes it.
                        ReadOnlyMemory<byte>[] pieces = value.Length % 2 == 0 ? [value.Value] : [value.Value, new byte[1]];
                        foreach (var step in Binary(writer, dataset, value, pieces))
                        {
                            yield return step;
                        }
                    }

                    break;
                case DicomValueElement value:
                    WriteValue(writer, dataset, value);
                    break;
                default:
                    throw new InvalidOperationException($"unknown element kind {element.GetType().Name}");
            }

            writer.WriteEndObject();
            if (writer.BytesPending >= FlushThreshold)
            {
                yield return true;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A binary value: a BulkDataURI when the callback gives one, else InlineBinary in segments.</summary>
    private IEnumerable<bool> Binary(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element, IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        if (_options.BulkDataUri?.Invoke(dataset, element) is { } uri)
        {
            writer.WriteString("BulkDataURI"u8, uri);
            yield break;
        }

        writer.WritePropertyName("InlineBinary"u8);
        foreach (var piece in pieces)
        {
            for (var offset = 0; offset < piece.Length; offset += Base64Segment)
            {
                writer.WriteBase64StringSegment(piece.Span.Slice(offset, Math.Min(Base64Segment, piece.Length - offset)), isFinalSegment: false);
                if (writer.BytesPending >= FlushThreshold)
                {
                    yield return true;
                }
            }
        }

        writer.WriteBase64StringSegment([], isFinalSegment: true);
    }

    private static void WriteValue(Utf8JsonWriter writer, DicomDataset dataset, DicomValueElement element)
    {
        if (element.Tag == DicomTags.SpecificCharacterSet)
        {
            // Every string of the JSON is Unicode, and the JSON is UTF-8: that is the character set now.
            writer.WriteStartArray("Value"u8);
            writer.WriteStringValue("ISO_IR 192"u8);
            writer.WriteEndArray();
            return;
        }

        if (element.IsEmpty)
        {
            return;
        }

        if (element.VR.IsString)
        {
            WriteStrings(writer, dataset, element);
        }
        else
        {
            WriteNumbers(writer, element);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, DicomDataset dataset, DicomValueElement element)
    {
        var vr = element.VR;
        var text = dataset.DecodeString(element);
        string[] values = vr.IsSingleValuedText ? [text] : text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = WithoutPadding(values[i], vr);
            if (vr == DicomVR.PN)
            {
                values[i] = WithoutEmptyTrailingComponents(values[i]);
            }
        }

        if (values is [""])
        {
            return; // one empty value (only padding, or a name of empty components) is no value, as in DCMTK
        }

        writer.WriteStartArray("Value"u8);
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                writer.WriteNullValue();
                continue;
            }

            switch (vr.Code)
            {
                case VRCode.PN:
                    WritePersonName(writer, value);
                    break;
                case VRCode.DS when DicomJsonNumbers.DecimalString(value) is { } number:
                    WriteNumberText(writer, number);
                    break;
                case VRCode.IS when DicomJsonNumbers.IntegerString(value) is { } number:
                    WriteNumberText(writer, number);
                    break;
                default:
                    writer.WriteStringValue(value);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One value without its padding: trailing spaces always; leading spaces too, except in the text VRs (LT, ST,
    /// UT, UR) and UC, where they are part of the value.
    /// </summary>
    private static string WithoutPadding(string value, DicomVR vr) =>
        vr.IsSingleValuedText || vr.Code == VRCode.UC ? value.TrimEnd(' ', '\0') : value.Trim(' ', '\0');

    /// <summary>A PN value (normalised, not empty) as an object of its groups: only those that have something.</summary>
    private static void WritePersonName(Utf8JsonWriter writer, string value)
    {
        var name = DicomPersonName.Parse(value);
        writer.WriteStartObject();
        if (name.Alphabetic.Length > 0)
        {
            writer.WriteString("Alphabetic"u8, name.Alphabetic);
        }

        if (name.Ideographic.Length > 0)
        {
            writer.WriteString("Ideographic"u8, name.Ideographic);
        }

        if (name.Phonetic.Length > 0)
        {
            writer.WriteString("Phonetic"u8, name.Phonetic);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A PN value without the trailing empty components of each group (PS3.5 6.2.1: they may be left out) and
    /// without trailing empty groups; "" when nothing is left.
    /// </summary>
    private static string WithoutEmptyTrailingComponents(string value)
    {
        var name = DicomPersonName.Parse(value);
        return new DicomPersonName(name.Alphabetic.TrimEnd('^', ' '), name.Ideographic.TrimEnd('^', ' '), name.Phonetic.TrimEnd('^', ' ')).ToString();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, DicomValueElement element)
    {
        var vr = element.VR;
        var size = vr.ValueSize;
        var span = element.Value.Span;

        // A trailing partial value (a malformed length) cannot be a number; the whole values are written.
        var count = size > 0 ? span.Length / size : 0;
        if (count == 0)
        {
            return;
        }

        writer.WriteStartArray("Value"u8);
        for (var i = 0; i < count; i++)
        {
            var v = span.Slice(i * size, size);
            switch (vr.Code)
            {
                case VRCode.US:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(v));
                    break;
                case VRCode.SS:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(v));
                    break;
                case VRCode.UL:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(v));
                    break;
                case VRCode.SL:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(v));
                    break;
                case VRCode.SV:
                    var signed = BinaryPrimitives.ReadInt64LittleEndian(v);
                    if (signed > -(long)ExactIntegerLimit && signed < (long)ExactIntegerLimit)
                    {
                        writer.WriteNumberValue(signed);
                    }
                    else
                    {
                        writer.WriteStringValue(signed.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case VRCode.UV:
                    var unsigned = BinaryPrimitives.ReadUInt64LittleEndian(v);
                    if (unsigned < ExactIntegerLimit)
                    {
                        writer.WriteNumberValue(unsigned);
                    }
                    else
                    {
                        writer.WriteStringValue(unsigned.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case VRCode.FL:
                    var single = BinaryPrimitives.ReadSingleLittleEndian(v);
                    if (float.IsFinite(single))
                    {
                        writer.WriteNumberValue(single); // the shortest text that reads back as the same float
                    }
                    else
                    {
                        writer.WriteStringValue(NonFinite(single));
                    }

                    break;
                case VRCode.FD:
                    var number = BinaryPrimitives.ReadDoubleLittleEndian(v);
                    if (double.IsFinite(number))
                    {
                        writer.WriteNumberValue(number);
                    }
                    else
                    {
                        writer.WriteStringValue(NonFinite(number));
                    }

                    break;
                case VRCode.AT:
                    WriteTagValue(writer, new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(v), BinaryPrimitives.ReadUInt16LittleEndian(v[2..])));
                    break;
                default:
                    throw new InvalidOperationException($"{element.Tag} {vr} is not a binary number VR");
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinities; they are written as the strings .NET and JavaScript use for them.</summary>
    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>
    /// A JSON number from its text. Utf8JsonWriter indents no raw value, so in indented output the line break and
    /// indentation are written with the number (JSON allows whitespace there).
    /// </summary>
    private static void WriteNumberText(Utf8JsonWriter writer, string number)
    {
        var options = writer.Options;
        writer.WriteRawValue(options.Indented
            ? string.Concat(options.NewLine, new string(options.IndentCharacter, writer.CurrentDepth * options.IndentSize), number)
            : number);
    }

    private static void WriteKey(Utf8JsonWriter writer, DicomTag tag)
    {
        Span<byte> key = stackalloc byte[8];
        tag.Value.TryFormat(key, out _, "X8", CultureInfo.InvariantCulture);
        writer.WritePropertyName(key);
    }

    private static void WriteTagValue(Utf8JsonWriter writer, DicomTag tag)
    {
        Span<byte> text = stackalloc byte[8];
        tag.Value.TryFormat(text, out _, "X8", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text);
    }

    private static void WriteVR(Utf8JsonWriter writer, DicomVR vr)
    {
        ReadOnlySpan<byte> code = [(byte)vr.First, (byte)vr.Second];
        writer.WriteString("vr"u8, code);
    }

    private static string Drain(ArrayBufferWriter<byte> buffer, Decoder decoder, bool final)
    {
        var bytes = buffer.WrittenSpan;
        var chars = new char[decoder.GetCharCount(bytes, final)];
        var count = decoder.GetChars(bytes, chars, final);
        buffer.ResetWrittenCount();
        return new string(chars, 0, count);
    }
}
