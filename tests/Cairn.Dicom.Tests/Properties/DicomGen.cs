using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// CsCheck generators of valid values for every VR of the standard, as PS3.5 6.2 defines them (repertoire, length,
/// multiplicity), with their edge cases (empty values, maximum lengths, odd byte lengths, NaN and negative zero,
/// the extremes of each integer type, nested sequences with empty items), and of whole data sets made of them.
/// </summary>
public static class DicomGen
{
    /// <summary>Sequences nest at most this deep.</summary>
    private const int MaxDepth = 3;

    // The default repertoire without the backslash, which separates values.
    private const string Ascii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    private const string Digits = "0123456789";
    private const string CodeStringCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _";
    private const string UriCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";
    private const string NameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,-'";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Beyond ASCII, for UTF-8 data sets: Latin, Greek, Cyrillic, CJK, Hangul, and one character outside the BMP.
    private static readonly Gen<string> NonAsciiUnit = Gen.OneOf("é", "ß", "Ø", "Ω", "Ж", "中", "文", "日本", "한", "€", "😀");
    private static readonly Gen<string> IdeographicUnit = Gen.OneOf("山", "田", "太", "郎", "花", "子", "김", "국");
    private static readonly Gen<string> PhoneticUnit = Gen.OneOf("や", "ま", "だ", "た", "ろ", "う", "は", "な");

    private static readonly Gen<ushort> UShorts = Gen.Frequency((4, Gen.UShort), (1, Gen.OneOf<ushort>(0, 1, ushort.MaxValue)));
    private static readonly Gen<short> Shorts = Gen.Frequency((4, Gen.Short), (1, Gen.OneOf<short>(short.MinValue, short.MaxValue, 0, -1)));
    private static readonly Gen<uint> UInts = Gen.Frequency((4, Gen.UInt), (1, Gen.OneOf(0u, 1u, uint.MaxValue)));
    private static readonly Gen<int> Ints = Gen.Frequency((4, Gen.Int), (1, Gen.OneOf(int.MinValue, int.MaxValue, 0, -1, 1)));
    private static readonly Gen<ulong> ULongs = Gen.Frequency((4, Gen.ULong), (1, Gen.OneOf(0ul, 1ul, (ulong)long.MaxValue + 1, ulong.MaxValue)));
    private static readonly Gen<long> Longs = Gen.Frequency((4, Gen.Long), (1, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L)));

    private static readonly Gen<float> Floats = Gen.Frequency(
        (4, Gen.Float),
        (1, Gen.OneOf(
            float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7F80_0001), 0f, -0f, float.PositiveInfinity,
            float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon)));

    private static readonly Gen<double> Doubles = Gen.Frequency(
        (4, Gen.Double),
        (1, Gen.OneOf(
            double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), 0d, -0d, double.PositiveInfinity,
            double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308)));

    /// <summary>Every VR that the generators cover; a test holds this to <see cref="DicomVR.All"/>.</summary>
    public static IReadOnlyList<DicomVR> CoveredVRs { get; } = [.. DicomVR.All.Where(vr => Placements(vr).Length > 0)];

    /// <summary>A data set whose elements are mostly of <paramref name="focus"/>, with a few of any VR.</summary>
    public static Gen<GeneratedDataset> Dataset(DicomVR focus) =>
        from utf8 in Gen.Bool
        from focused in Element(focus, utf8, 0).Array[1, 5]
        from others in AnyElement(utf8, 0).Array[0, 2]
        select new GeneratedDataset(utf8, Distinct([.. focused, .. others]));

    /// <summary>A data set of up to a dozen elements of any VR, possibly none.</summary>
    public static Gen<GeneratedDataset> Dataset() =>
        from utf8 in Gen.Bool
        from elements in AnyElement(utf8, 0).Array[0, 12]
        select new GeneratedDataset(utf8, Distinct(elements));

    /// <summary>
    /// Where an element of <paramref name="vr"/> can go: a standard tag whose dictionary VR it is (single- and
    /// multi-valued where the dictionary has both), or a private tag (null).
    /// </summary>
    public static (DicomTag? Tag, bool Multi)[] Placements(DicomVR vr) => vr.ToString() switch
    {
        "AE" => [(DicomTags.StationAETitle, false), (DicomTags.RetrieveAETitle, true), (null, true)],
        "AS" => [(DicomTags.PatientAge, false), (DicomTags.SelectorASValue, true), (null, true)],
        "AT" => [(DicomTags.DimensionIndexPointer, false), (DicomTags.FrameIncrementPointer, true), (null, true)],
        "CS" => [(DicomTags.Modality, false), (DicomTags.ImageType, true), (null, true)],
        "DA" => [(DicomTags.StudyDate, false), (DicomTags.DateOfLastCalibration, true), (null, true)],
        "DS" => [(DicomTags.PatientWeight, false), (DicomTags.EventElapsedTimes, true), (null, true)],
        "DT" => [(DicomTags.AcquisitionDateTime, false), (DicomTags.ReferencedDateTime, true), (null, true)],
        "FD" => [(DicomTags.EventTimeOffset, false), (DicomTags.InversionTimes, true), (null, true)],
        "FL" => [(DicomTags.ExaminedBodyThickness, false), (DicomTags.TableOfParameterValues, true), (null, true)],
        "IS" => [(DicomTags.SeriesNumber, false), (DicomTags.ReferencedFrameNumber, true), (null, true)],
        "LO" => [(DicomTags.Manufacturer, false), (DicomTags.AdmittingDiagnosesDescription, true), (null, true)],
        "LT" => [(DicomTags.ImageComments, false), (null, false)],
        "OB" => [(DicomTags.EncapsulatedDocument, false), (null, false)],
        "OD" => [(DicomTags.DoublePointCoordinatesData, false), (null, false)],
        "OF" => [(DicomTags.VerticesOfThePolygonalOutline, false), (null, false)],
        "OL" => [(DicomTags.LongPrimitivePointIndexList, false), (null, false)],
        "OV" => [(DicomTags.SelectorOVValue, false), (null, false)],
        "OW" => [(DicomTags.RedPaletteColorLookupTableData, false), (null, false)],
        "PN" => [(DicomTags.PatientName, false), (DicomTags.PhysiciansOfRecord, true), (null, true)],
        "SH" => [(DicomTags.AccessionNumber, false), (DicomTags.PatientTelephoneNumbers, true), (null, true)],
        "SL" => [(DicomTags.ReferencePixelX0, false), (DicomTags.SelectorSLValue, true), (null, true)],
        "SQ" => [(DicomTags.OtherPatientIDsSequence, false), (DicomTags.ReferencedImageSequence, false), (null, false)],
        "SS" => [(DicomTags.TagAngleSecondAxis, false), (DicomTags.SelectorSSValue, true), (null, true)],
        "ST" => [(DicomTags.InstitutionAddress, false), (null, false)],
        "SV" => [(DicomTags.SelectorSVValue, true), (null, true)],
        "TM" => [(DicomTags.StudyTime, false), (DicomTags.TimeOfLastCalibration, true), (null, true)],
        "UC" => [(DicomTags.LongCodeValue, false), (DicomTags.OECFColumnNames, true), (null, true)],
        "UI" => [(DicomTags.InstanceCreatorUID, false), (DicomTags.RelatedGeneralSOPClassUID, true), (null, true)],
        "UL" => [(DicomTags.DataPointRows, false), (DicomTags.SimpleFrameList, true), (null, true)],

        // UN may stand for any VR the writer did not know, here an LO (not an SQ: those bytes must be a sequence).
        "UN" => [(DicomTags.SelectorUNValue, false), (DicomTags.ProtocolName, false), (null, false)],
        "UR" => [(DicomTags.CodingSchemeURL, false), (null, false)],
        "US" => [(DicomTags.Rows, false), (DicomTags.NonidentifyingPrivateElements, true), (null, true)],
        "UT" => [(DicomTags.TextValue, false), (null, false)],
        "UV" => [(DicomTags.FileOffsetInContainer, false), (DicomTags.SelectorUVValue, true), (null, true)],
        _ => [],
    };

    public static Gen<GeneratedElement> Element(DicomVR vr, bool utf8, int depth) =>
        Gen.OneOf([.. Placements(vr).Select(p => Value(vr, utf8, p.Multi, depth).Select(v => new GeneratedElement(p.Tag, v)))]);

    public static Gen<GeneratedElement> AnyElement(bool utf8, int depth) =>
        Gen.OneOf([.. CoveredVRs.Where(vr => vr != DicomVR.SQ || depth < MaxDepth).Select(vr => Element(vr, utf8, depth))]);

    /// <summary>Valid values of <paramref name="vr"/>, several when <paramref name="multi"/>.</summary>
    public static Gen<GeneratedValue> Value(DicomVR vr, bool utf8, bool multi, int depth) => vr.ToString() switch
    {
        "AE" => Texts(vr, ApplicationEntity(), multi),
        "AS" => Texts(vr, Age(), multi),
        "AT" => Tags(multi),
        "CS" => Texts(vr, Text(Length(16, 16), Unit(CodeStringCharacters)).Select(s => new TextSample(s, s.Trim(' '), null)), multi),
        "DA" => Texts(vr, Date(), multi),
        "DS" => Texts(vr, DecimalString(), multi),
        "DT" => Texts(vr, DateTimeValue(), multi),
        "FD" => Numbers(vr, Doubles, multi),
        "FL" => Numbers(vr, Floats, multi),
        "IS" => Texts(vr, IntegerString(), multi),
        "LO" => Texts(vr, Text(Length(64, 64), CharacterSetUnit(utf8)).Select(s => new TextSample(s, s.Trim(' '), null)), multi),
        "LT" => Texts(vr, Text(Length(10240, 300), TextUnit(utf8)).Select(TrailingSpacesPad), multi),
        "OB" => Bulk(vr, 1),
        "OD" => Bulk(vr, 8),
        "OF" => Bulk(vr, 4),
        "OL" => Bulk(vr, 4),
        "OV" => Bulk(vr, 8),
        "OW" => Bulk(vr, 2),
        "PN" => Texts(vr, PersonName(utf8), multi),
        "SH" => Texts(vr, Text(Length(16, 16), CharacterSetUnit(utf8)).Select(s => new TextSample(s, s.Trim(' '), null)), multi),
        "SL" => Numbers(vr, Ints, multi),
        "SQ" => Sequence(utf8, depth),
        "SS" => Numbers(vr, Shorts, multi),
        "ST" => Texts(vr, Text(Length(1024, 300), TextUnit(utf8)).Select(TrailingSpacesPad), multi),
        "SV" => Numbers(vr, Longs, multi),
        "TM" => Texts(vr, Time(), multi),

        // UC: leading spaces are significant, only trailing ones pad (PS3.5 6.2).
        "UC" => Texts(vr, Text(Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 80]), (1, Gen.Int[81, 2000])), CharacterSetUnit(utf8)).Select(TrailingSpacesPad), multi),
        "UI" => Texts(vr, Uid().Select(s => new TextSample(s, s, null)), multi),
        "UL" => Numbers(vr, UInts, multi),
        "UN" => Bulk(vr, 1),
        "UR" => Texts(vr, Uri(), multi),
        "US" => Numbers(vr, UShorts, multi),
        "UT" => Texts(vr, Text(Gen.Frequency((1, Gen.Const(0)), (12, Gen.Int[1, 300]), (1, Gen.Int[301, 70_000])), TextUnit(utf8)).Select(TrailingSpacesPad), multi),
        "UV" => Numbers(vr, ULongs, multi),
        _ => throw new ArgumentOutOfRangeException(nameof(vr), vr, "no generator"),
    };

    /// <summary>Keeps the first element of each standard tag (Add would replace it); private elements all stay.</summary>
    public static IReadOnlyList<GeneratedElement> Distinct(GeneratedElement[] elements)
    {
        var seen = new HashSet<DicomTag>();
        return [.. elements.Where(e => e.Tag is not { } tag || seen.Add(tag))];
    }

    private static Gen<GeneratedValue> Texts(DicomVR vr, Gen<TextSample> one, bool multi) =>
        from values in multi
            ? Gen.Frequency((1, Gen.Const(Array.Empty<TextSample>())), (6, one.Array[1, 4]), (1, one.Array[5, 12]))
            : Gen.Frequency((1, Gen.Const(Array.Empty<TextSample>())), (6, one.Array[1]))
        from typedAdd in Gen.Bool
        select (GeneratedValue)new TextValue(vr, values, typedAdd);

    private static Gen<GeneratedValue> Numbers<T>(DicomVR vr, Gen<T> one, bool multi)
        where T : unmanaged, INumber<T> =>
        from count in Count(multi, 65534 / vr.ValueSize)
        from values in one.Array[count]
        from asText in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true)))
        select (GeneratedValue)new NumberValue<T>(vr, values, asText && count <= 16);

    private static Gen<GeneratedValue> Tags(bool multi) =>
        from count in Count(multi, 65534 / 4)
        from values in Gen.UInt.Select(v => new DicomTag(v)).Array[count]
        from asText in Gen.Bool
        select (GeneratedValue)new TagValue(values, asText && count <= 16);

    /// <summary>
    /// How many binary values: none, one, a few, many, or as many as a 16-bit explicit VR length holds
    /// (<paramref name="max"/>); one or none for a single-valued element.
    /// </summary>
    private static Gen<int> Count(bool multi, int max) =>
        multi
            ? Gen.Frequency((2, Gen.Const(0)), (16, Gen.Int[1, 6]), (4, Gen.Int[7, 64]), (1, Gen.Const(max)))
            : Gen.Frequency((1, Gen.Const(0)), (6, Gen.Const(1)));

    /// <summary>Bulk values of <paramref name="size"/>-byte units: empty, short, odd (OB, UN), long, beyond 64 KiB.</summary>
    private static Gen<GeneratedValue> Bulk(DicomVR vr, int size) =>
        from count in Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 48]), (2, Gen.Int[49, 4000]), (1, Gen.Int[65_536 / size, 70_000 / size]))
        from bytes in Gen.Byte.Array[count * size]
        from asValues in Gen.Bool
        select (GeneratedValue)new BulkValue(vr, bytes, asValues);

    private static Gen<GeneratedValue> Sequence(bool utf8, int depth) =>
        from count in Gen.Frequency((1, Gen.Const(0)), (4, Gen.Int[1, 3]))
        from items in Item(utf8, depth + 1).Array[count]
        select (GeneratedValue)new SequenceValue(items);

    private static Gen<IReadOnlyList<GeneratedElement>> Item(bool utf8, int depth) =>
        Gen.Frequency(
            (1, Gen.Const<IReadOnlyList<GeneratedElement>>(Array.Empty<GeneratedElement>())),
            (3, AnyElement(utf8, depth).Array[1, 4].Select(Distinct)));

    private static Gen<TextSample> ApplicationEntity() =>
        Text(Length(16, 16), Unit(Ascii))
            .Where(s => s.Length == 0 || s.Trim(' ').Length > 0)
            .Select(s => new TextSample(s, s.Trim(' '), null));

    private static Gen<TextSample> Age() =>
        from n in Gen.Int[0, 999]
        from unit in Gen.Char["DWMY"]
        let text = n.ToString("D3", Invariant) + unit
        select new TextSample(text, text, null);

    private static Gen<TextSample> Date() =>
        from date in Gen.Frequency(
            (8, Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber)),
            (1, Gen.OneOf(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2000, 2, 29), new DateOnly(1900, 2, 28))))
        let text = date.ToString("yyyyMMdd", Invariant)
        select new TextSample(text, text, date);

    /// <summary>TM: HH, HHMM, HHMMSS or HHMMSS.F to HHMMSS.FFFFFF; second 60 (a leap second) reads as 59.</summary>
    private static Gen<TextSample> Time() =>
        from hour in Gen.Int[0, 23]
        from precision in Gen.Int[0, 3]
        from minute in Gen.Int[0, 59]
        from second in Gen.Frequency((30, Gen.Int[0, 59]), (1, Gen.Const(60)))
        from digits in Gen.Int[1, 6]
        from fraction in Gen.Int[0, 999_999]
        select TimeSample(hour, precision, minute, second, digits, fraction % Pow10(digits));

    private static TextSample TimeSample(int hour, int precision, int minute, int second, int digits, int fraction)
    {
        var text = new StringBuilder(hour.ToString("D2", Invariant));
        var time = new TimeOnly(hour, 0);
        if (precision >= 1)
        {
            text.Append(minute.ToString("D2", Invariant));
            time = new TimeOnly(hour, minute);
        }

        if (precision >= 2)
        {
            text.Append(second.ToString("D2", Invariant));
            time = new TimeOnly(hour, minute, Math.Min(second, 59));
        }

        if (precision >= 3)
        {
            text.Append('.').Append(fraction.ToString("D" + digits.ToString(Invariant), Invariant));
            time = time.Add(TimeSpan.FromTicks(fraction * (long)Pow10(7 - digits)));
        }

        return new TextSample(text.ToString(), text.ToString(), time);
    }

    /// <summary>DT: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX], up to the 26 characters of the longest form.</summary>
    private static Gen<TextSample> DateTimeValue() =>
        from day in Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber]
        from precision in Gen.Int[0, 6]
        from time in Time()
        from digits in Gen.Int[1, 6]
        from offset in Gen.Frequency((2, Gen.Const(default(int?))), (1, Gen.Int[-12 * 60, 14 * 60].Select(m => (int?)m)))
        select DateTimeSample(DateOnly.FromDayNumber(day), precision, (TimeOnly)time.Typed!, digits, offset);

    private static TextSample DateTimeSample(DateOnly date, int precision, TimeOnly time, int digits, int? offsetMinutes)
    {
        var formats = new[] { "yyyy", "yyyyMM", "yyyyMMdd", "yyyyMMddHH", "yyyyMMddHHmm", "yyyyMMddHHmmss", "yyyyMMddHHmmss." + new string('f', digits) };
        var dateTime = date.ToDateTime(time);

        // What the value means: the parts it does not give are the start of the period it names.
        var ticks = precision switch
        {
            0 => new DateTime(date.Year, 1, 1).Ticks,
            1 => new DateTime(date.Year, date.Month, 1).Ticks,
            2 => date.ToDateTime(TimeOnly.MinValue).Ticks,
            3 => date.ToDateTime(new TimeOnly(time.Hour, 0)).Ticks,
            4 => date.ToDateTime(new TimeOnly(time.Hour, time.Minute)).Ticks,
            5 => date.ToDateTime(new TimeOnly(time.Hour, time.Minute, time.Second)).Ticks,
            _ => dateTime.Ticks - (dateTime.Ticks % Pow10(7 - digits)),
        };
        var text = dateTime.ToString(formats[precision], Invariant);
        TimeSpan? offset = null;
        if (offsetMinutes is { } minutes)
        {
            offset = TimeSpan.FromMinutes(minutes);
            text += (minutes < 0 ? "-" : "+") + (Math.Abs(minutes) / 60).ToString("D2", Invariant) + (Math.Abs(minutes) % 60).ToString("D2", Invariant);
        }

        return new TextSample(text, text, new DateTimeSample(new DateTime(ticks), offset));
    }

    private static Gen<TextSample> DecimalString() =>
        from core in Gen.OneOf(
            Gen.Long[-999_999_999_999_999, 9_999_999_999_999_999].Select(v => v.ToString(Invariant)),
            from sign in Gen.OneOf("", "-", "+")
            from whole in Gen.Long[0, 9_999_999]
            from digits in Gen.Int[1, 7]
            from fraction in Gen.Int[0, 9_999_999]
            select sign + whole.ToString(Invariant) + "." + (fraction % Pow10(digits)).ToString("D" + digits.ToString(Invariant), Invariant),
            from mantissa in Gen.Int[-99_999, 99_999]
            from e in Gen.OneOf("e", "E")
            from exponent in Gen.Int[-300, 300]
            from plus in Gen.Bool
            select (mantissa / 1000.0).ToString(Invariant) + e + (plus && exponent >= 0 ? "+" : "") + exponent.ToString(Invariant),
            from value in Gen.Double.Where(double.IsFinite)
            from precision in Gen.Int[1, 9]
            select value.ToString("G" + precision.ToString(Invariant), Invariant),
            Gen.OneOf("0", "-0", "+0", "0.0", "-0.0", ".5", "-.5", "5.", "1e308", "1.7976931348E308", "4.9e-324", "2.2250738585E-308", "+1e+10", "0000000000000001"))
        from leading in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf(" ", "  ")))
        from trailing in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf(" ", "  ")))
        where leading.Length + core.Length + trailing.Length <= 16
        select new TextSample(leading + core + trailing, core, double.Parse(core, NumberStyles.Float, Invariant));

    private static Gen<TextSample> IntegerString() =>
        from value in Ints
        from plus in Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)))
        from zeros in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3]))
        from leading in Gen.Frequency((6, Gen.Const("")), (1, Gen.Const(" ")))
        from trailing in Gen.Frequency((6, Gen.Const("")), (1, Gen.Const(" ")))
        let core = (value < 0 ? "-" : plus ? "+" : "") + new string('0', zeros) + Math.Abs((long)value).ToString(Invariant)
        where leading.Length + core.Length + trailing.Length <= 12
        select new TextSample(leading + core + trailing, core, (long)value);

    /// <summary>
    /// PN: up to three component groups of up to five components, each group at most 64 characters; ideographic and
    /// phonetic groups in UTF-8 data sets. Empty trailing groups are sometimes kept ("A=="), and a leading space.
    /// </summary>
    private static Gen<TextSample> PersonName(bool utf8) =>
        from alphabetic in Gen.Frequency(
            (8, Group(from first in Text(Gen.Int[1, 10], Unit(NameCharacters))
                      from second in Gen.Frequency((3, Gen.Const("")), (1, Text(Gen.Int[1, 8], Unit(NameCharacters)).Select(w => " " + w)))
                      select first + second)),
            (1, Text(Gen.Const(64), Unit(NameCharacters))),
            (1, Gen.Const("")))
        from others in utf8
            ? Gen.Frequency((2, Gen.Const<(string, string)>(("", ""))), (1, Gen.Select(Group(Text(Gen.Int[1, 4], IdeographicUnit)), Group(Text(Gen.Int[1, 6], PhoneticUnit)))))
            : Gen.Const<(string, string)>(("", ""))
        from keepEmptyGroups in Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)))

        // Only trailing spaces pad a PN: a leading one is part of the name.
        from leadingSpace in Gen.Frequency((8, Gen.Const(false)), (1, Gen.Const(true)))
        let name = new DicomPersonName((leadingSpace && alphabetic.Length is > 0 and < 64 ? " " : "") + alphabetic, others.Item1, others.Item2)
        let text = keepEmptyGroups && name.Phonetic.Length == 0 ? $"{name.Alphabetic}={name.Ideographic}=" : name.ToString()
        select new TextSample(text, text, name);

    /// <summary>One to five components (some empty) joined by carets, cut to the 64 characters a group may have.</summary>
    private static Gen<string> Group(Gen<string> component) =>
        Gen.Frequency((1, Gen.Const("")), (4, component)).Array[1, 5].Select(components =>
        {
            var group = components[0];
            foreach (var next in components.Skip(1))
            {
                if (group.Length + 1 + next.Length > 64)
                {
                    break;
                }

                group += "^" + next;
            }

            return group.Length > 64 ? group[..64] : group;
        });

    /// <summary>UI: numeric components without leading zeros, up to 64 characters (2.25. UUID-derived ones reach it).</summary>
    private static Gen<string> Uid()
    {
        var component = Gen.Frequency(
            (1, Gen.Const("0")),
            (5, from first in Gen.Char["123456789"] from rest in Text(Gen.Int[0, 9], Unit(Digits)) select first + rest));
        return Gen.Frequency(
            (4, from root in Gen.OneOf("0", "1", "2")
                from parts in component.Array[1, 12]
                select parts.Aggregate(root, (uid, part) => uid.Length + 1 + part.Length <= 64 ? uid + "." + part : uid)),
            (1, from first in Gen.Char["123456789"]
                from rest in Text(Gen.Int[0, 58], Unit(Digits))
                select "2.25." + first + rest));
    }

    private static Gen<TextSample> Uri() =>
        from uri in Text(Length(300, 80), Unit(UriCharacters))
        from padding in Gen.Int[0, 2]
        select new TextSample(uri + new string(' ', padding), uri, null);

    private static TextSample TrailingSpacesPad(string value) => new(value, value.TrimEnd(' '), null);

    private static Gen<string> Unit(string characters) => Gen.Char[characters].Select(c => c.ToString());

    /// <summary>Characters of a string VR that depends on the character set: ASCII, and beyond it in UTF-8.</summary>
    private static Gen<string> CharacterSetUnit(bool utf8) =>
        utf8 ? Gen.Frequency((6, Unit(Ascii)), (1, NonAsciiUnit)) : Unit(Ascii);

    /// <summary>Characters of LT, ST and UT, which also allow the backslash and CR, LF, TAB and FF.</summary>
    private static Gen<string> TextUnit(bool utf8) =>
        Gen.Frequency((30, CharacterSetUnit(utf8)), (1, Gen.Const("\\")), (1, Gen.OneOf("\r\n", "\n", "\r", "\t", "\f")));

    /// <summary>Lengths up to <paramref name="max"/>: mostly up to <paramref name="typical"/>, sometimes empty or the maximum.</summary>
    private static Gen<int> Length(int max, int typical) =>
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Const(max)), (8, Gen.Int[1, Math.Min(max, typical)]));

    /// <summary>A string of exactly the generated length in UTF-16 code units, made of the generated units.</summary>
    private static Gen<string> Text(Gen<int> length, Gen<string> unit) =>
        from n in length
        from units in unit.Array[n]
        select Fit(units, n);

    private static string Fit(string[] units, int length)
    {
        var text = new StringBuilder(length);
        foreach (var unit in units)
        {
            if (text.Length + unit.Length <= length)
            {
                text.Append(unit);
            }
        }

        // Two-unit characters may leave a gap; a letter valid in every VR that has them fills it.
        return text.Append('Z', length - text.Length).ToString();
    }

    private static int Pow10(int exponent)
    {
        var result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
