using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cairn.Dicom.Json;

/// <summary>
/// Reads the DICOM JSON model (PS3.18 Annex F) into data sets. Strict: input that is not JSON, or JSON that is not a
/// valid DICOM JSON model (keys that are not 8 uppercase hex digits in ascending order, an unknown VR, a value of
/// the wrong JSON type or out of its VR's range, members that do not belong) is refused with a
/// <see cref="DicomFormatException"/> that names the attribute by its tag path, says what is wrong and gives the
/// byte offset. Values are kept as written, not validated against their VR, so that what the writer wrote from a
/// real-world file reads back as it was.
/// </summary>
/// <remarks>
/// JSON text is Unicode, so strings are encoded as UTF-8: when any string needs more than ASCII, the data set gets
/// Specific Character Set (0008,0005) "ISO_IR 192", and every (0008,0005) in its items says so too. An InlineBinary
/// on an OB or OW Pixel Data that holds items (FFFE,E000) ending with a sequence delimiter becomes encapsulated pixel
/// data (<see cref="DicomFragments"/>), as <see cref="DicomJsonWriter"/> writes it.
/// </remarks>
public sealed class DicomJsonReader
{
    private readonly DicomJsonReaderOptions _options;

    public DicomJsonReader(DicomJsonReaderOptions? options = null)
    {
        _options = options ?? DicomJsonReaderOptions.Default;
    }

    /// <summary>Reads one data set: a JSON object.</summary>
    public DicomDataset Read(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, allowArray: false)[0];

    public DicomDataset Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a JSON object (one data set) or an array of them, as a QIDO-RS response holds.</summary>
    public IReadOnlyList<DicomDataset> ReadAll(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, allowArray: true);

    /// <summary>Reads one data set from a stream, which is read to its end first.</summary>
    public async Task<DicomDataset> ReadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await utf8Json.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private List<DicomDataset> Parse(ReadOnlySpan<byte> utf8Json, bool allowArray)
    {
        var start = utf8Json.StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(utf8Json[start..], new JsonReaderOptions
        {
            // Each sequence level nests three JSON levels (attribute, Value array, item); our own limit speaks first.
            MaxDepth = (3 * _options.MaxSequenceDepth) + 8,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        var datasets = new List<DicomDataset>();
        try
        {
            if (!reader.Read())
            {
                throw Error(reader, start, "", "there is no JSON value: a DICOM JSON data set is an object");
            }

            if (reader.TokenType == JsonTokenType.StartArray && allowArray)
            {
                while (Next(ref reader, start, "") != JsonTokenType.EndArray)
                {
                    datasets.Add(ReadTopLevel(ref reader, start));
                }
            }
            else
            {
                datasets.Add(ReadTopLevel(ref reader, start));
            }

            // Anything but whitespace after the value makes the reader throw.
            reader.Read();
        }
        catch (JsonException e)
        {
            var offset = start + reader.BytesConsumed;
            throw new DicomFormatException($"malformed JSON: {e.Message} (at byte {offset})", offset);
        }

        return datasets;
    }

    private DicomDataset ReadTopLevel(ref Utf8JsonReader reader, int start)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(reader, start, "", $"a DICOM JSON data set is an object, not {Describe(reader.TokenType)}");
        }

        var nonAscii = false;
        var dataset = ReadDataset(ref reader, start, "", 0, ref nonAscii);
        if (nonAscii)
        {
            dataset.Set(new DicomValueElement(DicomTags.SpecificCharacterSet, DicomVR.CS, IsoIr192()));
            DeclareUtf8InItems(dataset);
        }

        return dataset;
    }

    /// <summary>Reads the attributes of an object up to its end; the reader stands on its start.</summary>
    private DicomDataset ReadDataset(ref Utf8JsonReader reader, int start, string path, int depth, ref bool nonAscii)
    {
        var dataset = new DicomDataset();
        DicomTag? previous = null;
        while (Next(ref reader, start, path) != JsonTokenType.EndObject)
        {
            var key = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            if (!TryParseKey(key, out var tag))
            {
                throw Error(reader, start, path, $"the key \"{Encoding.UTF8.GetString(key)}\" is not a tag: keys are 8 uppercase hexadecimal digits, group then element");
            }

            var where = path + Name(tag);
            if (previous is { } before && before >= tag)
            {
                throw Error(reader, start, where, before == tag ? "the attribute appears twice" : $"the attribute follows {before}: keys are in ascending order");
            }

            previous = tag;
            dataset.AppendRead(ReadAttribute(ref reader, start, tag, where, path, depth, ref nonAscii));
        }

        return dataset;
    }

    /// <summary>Reads an attribute object; the reader stands on its key and ends on the object's end.</summary>
    private DicomElement ReadAttribute(ref Utf8JsonReader reader, int start, DicomTag tag, string where, string path, int depth, ref bool nonAscii)
    {
        if (Next(ref reader, start, where) != JsonTokenType.StartObject)
        {
            throw Error(reader, start, where, $"an attribute is an object with \"vr\", not {Describe(reader.TokenType)}");
        }

        var vr = FindVR(reader, start, where);
        DicomElement? element = null;
        string? member = null;
        while (Next(ref reader, start, where) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader, start, where);
            if (name == "vr")
            {
                continue; // read ahead by FindVR
            }

            if (name is not ("Value" or "InlineBinary" or "BulkDataURI"))
            {
                throw Error(reader, start, where, $"unknown member \"{name}\": an attribute has \"vr\" and at most one of \"Value\", \"InlineBinary\", \"BulkDataURI\"");
            }

            if (member is not null)
            {
                throw Error(reader, start, where, $"it has both \"{member}\" and \"{name}\"; an attribute has at most one of them");
            }

            member = name;
            element = name switch
            {
                "Value" => ReadValue(ref reader, start, tag, vr, where, path, depth, ref nonAscii),
                "InlineBinary" => ReadInlineBinary(ref reader, start, tag, vr, where),
                _ => ReadBulkDataUri(ref reader, start, tag, vr, where),
            };
        }

        return element ?? (vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
    }

    /// <summary>The attribute's VR, wherever "vr" stands among its members (JSON objects are unordered).</summary>
    private static DicomVR FindVR(Utf8JsonReader scan, int start, string where)
    {
        var atStart = scan;
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isVR = scan.ValueTextEquals("vr"u8);
            scan.Read();
            if (!isVR)
            {
                scan.Skip();
                continue;
            }

            if (scan.TokenType != JsonTokenType.String)
            {
                throw Error(scan, start, where, $"\"vr\" is a string, not {Describe(scan.TokenType)}");
            }

            var text = scan.GetString()!;
            return DicomVR.TryParse(text, out var vr)
                ? vr
                : throw Error(scan, start, where, $"\"vr\": \"{text}\" is not a value representation of the standard");
        }

        throw Error(atStart, start, where, "the attribute has no \"vr\"");
    }

    private DicomElement ReadValue(ref Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where, string path, int depth, ref bool nonAscii)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(reader, start, where, $"\"Value\" is an array, not {Describe(reader.TokenType)}");
        }

        if (vr.IsBulk)
        {
            throw Error(reader, start, where, $"a {vr} value is \"InlineBinary\" or \"BulkDataURI\", not \"Value\"");
        }

        if (vr == DicomVR.SQ)
        {
            var sequence = new DicomSequence(tag);
            while (Next(ref reader, start, where) != JsonTokenType.EndArray)
            {
                var itemPath = $"{path}{tag}[{sequence.Items.Count}]>";
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error(reader, start, itemPath, $"an item of a sequence is an object, not {Describe(reader.TokenType)}");
                }

                if (depth >= _options.MaxSequenceDepth)
                {
                    throw Error(reader, start, where, $"sequences nested deeper than {_options.MaxSequenceDepth} levels");
                }

                sequence.Add(ReadDataset(ref reader, start, itemPath, depth + 1, ref nonAscii));
            }

            return sequence;
        }

        if (vr.IsString)
        {
            return ReadStrings(ref reader, start, tag, vr, where, ref nonAscii);
        }

        return ReadNumbers(ref reader, start, tag, vr, where);
    }

    private static DicomValueElement ReadStrings(ref Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where, ref bool nonAscii)
    {
        var values = new List<string>();
        while (Next(ref reader, start, where) != JsonTokenType.EndArray)
        {
            var value = reader.TokenType switch
            {
                JsonTokenType.Null => "",
                JsonTokenType.StartObject when vr == DicomVR.PN => ReadPersonName(ref reader, start, where),
                JsonTokenType.String when vr != DicomVR.PN => GetString(reader, start, where),
                JsonTokenType.Number when vr == DicomVR.DS => Encoding.ASCII.GetString(reader.ValueSpan),
                JsonTokenType.Number when vr == DicomVR.IS => reader.TryGetInt32(out _)
                    ? Encoding.ASCII.GetString(reader.ValueSpan)
                    : throw Error(reader, start, where, $"IS value {Encoding.ASCII.GetString(reader.ValueSpan)} is not an integer from -2147483648 to 2147483647"),
                _ => throw Error(reader, start, where, vr == DicomVR.PN
                    ? $"a PN value is an object with \"Alphabetic\", \"Ideographic\" and \"Phonetic\" groups, or null, not {Describe(reader.TokenType)}"
                    : $"a {vr} value is a string{(vr == DicomVR.DS || vr == DicomVR.IS ? ", a number" : "")} or null, not {Describe(reader.TokenType)}"),
            };
            if (value.Contains('\\', StringComparison.Ordinal) && !vr.IsSingleValuedText)
            {
                throw Error(reader, start, where, $"{vr} value \"{value}\" contains a backslash, which DICOM reserves to separate values");
            }

            values.Add(value);
        }

        if (vr.IsSingleValuedText && values.Count > 1)
        {
            throw Error(reader, start, where, $"{vr} has one value, not {values.Count}");
        }

        var text = string.Join('\\', values);
        byte[] bytes;
        if (Ascii.IsValid(text))
        {
            bytes = Encoding.ASCII.GetBytes(text);
        }
        else if (vr.IsCharacterSetDependent && tag != DicomTags.SpecificCharacterSet)
        {
            bytes = Encoding.UTF8.GetBytes(text);
            nonAscii = true;
        }
        else
        {
            throw Error(reader, start, where, $"{vr} value \"{text}\" is not ASCII; {vr} holds only the default repertoire");
        }

        return new DicomValueElement(tag, vr, Pad(bytes, vr.PaddingByte));
    }

    /// <summary>A PN object as the DICOM string: groups joined by '=', trailing empty groups left out.</summary>
    private static string ReadPersonName(ref Utf8JsonReader reader, int start, string where)
    {
        var groups = new string[3];
        while (Next(ref reader, start, where) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            var index = name switch
            {
                "Alphabetic" => 0,
                "Ideographic" => 1,
                "Phonetic" => 2,
                _ => throw Error(reader, start, where, $"unknown PN member \"{name}\": a name has \"Alphabetic\", \"Ideographic\" and \"Phonetic\" groups"),
            };
            if (groups[index] is not null)
            {
                throw Error(reader, start, where, $"the PN group \"{name}\" appears twice");
            }

            Next(ref reader, start, where);
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Error(reader, start, where, $"the PN group \"{name}\" is a string, not {Describe(reader.TokenType)}");
            }

            var group = GetString(reader, start, where);
            if (group.Contains('=', StringComparison.Ordinal))
            {
                throw Error(reader, start, where, $"the PN group \"{name}\" contains '=', which separates the groups");
            }

            groups[index] = group;
        }

        return new DicomPersonName(groups[0] ?? "", groups[1] ?? "", groups[2] ?? "").ToString();
    }

    private static DicomValueElement ReadNumbers(ref Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where)
    {
        var bytes = new ArrayBufferWriter<byte>();
        while (Next(ref reader, start, where) != JsonTokenType.EndArray)
        {
            var token = reader.TokenType;
            if (token is not (JsonTokenType.Number or JsonTokenType.String))
            {
                throw Error(reader, start, where, $"a {vr} value is {(vr == DicomVR.AT ? "a string" : "a number")}, not {Describe(token)}{(token == JsonTokenType.Null ? " (a binary value cannot be empty)" : "")}");
            }

            var text = token == JsonTokenType.String ? GetString(reader, start, where) : Encoding.ASCII.GetString(reader.ValueSpan);
            if (!TryEncodeNumber(reader, vr, token == JsonTokenType.Number, text, bytes.GetSpan(8)))
            {
                throw Error(reader, start, where, NumberProblem(vr, token, text));
            }

            bytes.Advance(vr.ValueSize);
        }

        return new DicomValueElement(tag, vr, bytes.WrittenSpan.ToArray());
    }

    /// <summary>
    /// One binary number, little endian, into <paramref name="destination"/>. Integers must be JSON integers in
    /// range; SV and UV may be strings (beyond 2^53 they are), FL and FD may be "NaN", "Infinity", "-Infinity".
    /// </summary>
    private static bool TryEncodeNumber(Utf8JsonReader reader, DicomVR vr, bool number, string text, Span<byte> destination)
    {
        switch (vr.Code)
        {
            case VRCode.US when number && reader.TryGetUInt16(out var us):
                BinaryPrimitives.WriteUInt16LittleEndian(destination, us);
                return true;
            case VRCode.SS when number && reader.TryGetInt16(out var ss):
                BinaryPrimitives.WriteInt16LittleEndian(destination, ss);
                return true;
            case VRCode.UL when number && reader.TryGetUInt32(out var ul):
                BinaryPrimitives.WriteUInt32LittleEndian(destination, ul);
                return true;
            case VRCode.SL when number && reader.TryGetInt32(out var sl):
                BinaryPrimitives.WriteInt32LittleEndian(destination, sl);
                return true;
            case VRCode.SV when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sv):
                BinaryPrimitives.WriteInt64LittleEndian(destination, sv);
                return true;
            case VRCode.UV when ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uv):
                BinaryPrimitives.WriteUInt64LittleEndian(destination, uv);
                return true;
            case VRCode.FL when TryParseFloat(text, number, out var fl):
                BinaryPrimitives.WriteSingleLittleEndian(destination, fl);
                return true;
            case VRCode.FD when TryParseDouble(text, number, out var fd):
                BinaryPrimitives.WriteDoubleLittleEndian(destination, fd);
                return true;
            case VRCode.AT when !number && TryParseKey(Encoding.ASCII.GetBytes(text), out var at):
                BinaryPrimitives.WriteUInt16LittleEndian(destination, at.Group);
                BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], at.Element);
                return true;
            default:
                return false;
        }
    }

    private static string NumberProblem(DicomVR vr, JsonTokenType token, string text) => vr.Code switch
    {
        VRCode.AT => token == JsonTokenType.String
            ? $"AT value \"{text}\" is not a tag: 8 uppercase hexadecimal digits, group then element"
            : $"an AT value is a string of 8 hexadecimal digits, not a number",
        VRCode.FL or VRCode.FD => token == JsonTokenType.String
            ? $"{vr} value \"{text}\" is a string; the only strings a {vr} value can be are \"NaN\", \"Infinity\" and \"-Infinity\""
            : $"{vr} value {text} is out of the range of a {(vr == DicomVR.FL ? "32" : "64")}-bit float",
        VRCode.SV or VRCode.UV => $"{vr} value {text} is not an integer from {(vr == DicomVR.SV ? long.MinValue : ulong.MinValue)} to {(vr == DicomVR.SV ? long.MaxValue.ToString(CultureInfo.InvariantCulture) : ulong.MaxValue.ToString(CultureInfo.InvariantCulture))}",
        _ => token == JsonTokenType.String
            ? $"a {vr} value is a number, not the string \"{text}\""
            : $"{vr} value {text} is not an integer in the range of {vr} ({Range(vr)})",
    };

    private static string Range(DicomVR vr) => vr.Code switch
    {
        VRCode.US => "0 to 65535",
        VRCode.SS => "-32768 to 32767",
        VRCode.UL => "0 to 4294967295",
        _ => "-2147483648 to 2147483647",
    };

    private static DicomElement ReadInlineBinary(ref Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where)
    {
        if (!vr.IsBulk)
        {
            throw Error(reader, start, where, $"\"InlineBinary\" holds OB, OD, OF, OL, OV, OW or UN values, not {vr}");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(reader, start, where, $"\"InlineBinary\" is a base64 string, not {Describe(reader.TokenType)}");
        }

        if (!reader.TryGetBytesFromBase64(out var bytes))
        {
            throw Error(reader, start, where, "\"InlineBinary\" is not valid base64");
        }

        return Binary(reader, start, tag, vr, where, bytes);
    }

    private DicomElement ReadBulkDataUri(ref Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(reader, start, where, $"\"BulkDataURI\" is a string, not {Describe(reader.TokenType)}");
        }

        var uri = GetString(reader, start, where);
        if (vr == DicomVR.SQ)
        {
            throw Error(reader, start, where, "a sequence has items, not a \"BulkDataURI\"");
        }

        if (_options.BulkDataLoader is not { } loader)
        {
            throw Error(reader, start, where, $"the value is at \"BulkDataURI\" {uri}, and no bulk data loader was given to fetch it");
        }

        var bytes = loader(tag, vr, uri);
        return vr.IsBulk ? Binary(reader, start, tag, vr, where, bytes.ToArray()) : new DicomValueElement(tag, vr, bytes);
    }

    private static DicomElement Binary(Utf8JsonReader reader, int start, DicomTag tag, DicomVR vr, string where, byte[] bytes)
    {
        if (tag == DicomTags.PixelData && (vr == DicomVR.OB || vr == DicomVR.OW) && DicomEncapsulatedValue.StartsWithItem(bytes)
            && DicomEncapsulatedValue.TryParse(bytes, out var offsetTable, out var fragments))
        {
            return new DicomFragments(tag, vr, offsetTable, fragments);
        }

        if (vr.ValueSize > 1 && bytes.Length % vr.ValueSize != 0)
        {
            throw Error(reader, start, where, $"{bytes.Length} bytes is not a whole number of {vr.ValueSize}-byte {vr} values");
        }

        return new DicomValueElement(tag, vr, Pad(bytes, 0));
    }

    /// <summary>Now that the strings are UTF-8, every Specific Character Set in the items must say so.</summary>
    private static void DeclareUtf8InItems(DicomDataset dataset)
    {
        foreach (var sequence in dataset.OfType<DicomSequence>())
        {
            foreach (var item in sequence.Items)
            {
                if (item.Contains(DicomTags.SpecificCharacterSet))
                {
                    item.Set(new DicomValueElement(DicomTags.SpecificCharacterSet, DicomVR.CS, IsoIr192()));
                }

                DeclareUtf8InItems(item);
            }
        }
    }

    private static bool TryParseFloat(string text, bool number, out float value)
    {
        if (!number)
        {
            var ok = TryParseNonFinite(text, out var wide);
            value = (float)wide;
            return ok;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    private static bool TryParseDouble(string text, bool number, out double value)
    {
        if (!number)
        {
            return TryParseNonFinite(text, out value);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>The strings <see cref="DicomJsonWriter"/> writes for what JSON numbers cannot be.</summary>
    private static bool TryParseNonFinite(string text, out double value)
    {
        value = text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0;
    }

    private static bool TryParseKey(ReadOnlySpan<byte> key, out DicomTag tag)
    {
        tag = default;
        if (key.Length != 8)
        {
            return false;
        }

        uint value = 0;
        foreach (var c in key)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        tag = new DicomTag(value);
        return true;
    }

    private static string GetString(Utf8JsonReader reader, int start, string where)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw Error(reader, start, where, $"a string is not valid text: {e.Message}");
        }
    }

    /// <summary>Moves to the next token, which must exist: the input may not end inside a value.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader, int start, string where) =>
        reader.Read() ? reader.TokenType : throw Error(reader, start, where, "the JSON ends inside a value");

    private static byte[] Pad(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0)
        {
            return bytes;
        }

        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private static string Name(DicomTag tag) =>
        DicomDictionary.KeywordOf(tag) is { } keyword ? $"{tag} {keyword}" : tag.ToString();

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The value of (0008,0005) for UTF-8, a new array each time: elements do not share mutable bytes.</summary>
    private static byte[] IsoIr192() => "ISO_IR 192"u8.ToArray();

    private static DicomFormatException Error(Utf8JsonReader reader, int start, string where, string what)
    {
        var offset = start + reader.TokenStartIndex;
        return new DicomFormatException($"{(where.Length > 0 ? where + ": " : "")}{what} (at byte {offset})", offset);
    }
}
