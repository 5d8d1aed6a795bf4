using System.Globalization;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>Values of a string VR, added as strings (or as DateOnly, TimeOnly or DicomPersonName when <see cref="TypedAdd"/>).</summary>
public sealed class TextValue : GeneratedValue
{
    public TextValue(DicomVR vr, IReadOnlyList<TextSample> values, bool typedAdd)
        : base(vr)
    {
        Values = values;

        // The typed overloads write their canonical text; they stand in for a sample that is that text.
        TypedAdd = typedAdd && values is [{ Typed: { } typed } only] && CanonicalText(typed) == only.Raw;
    }

    public IReadOnlyList<TextSample> Values { get; }

    public bool TypedAdd { get; }

    /// <summary>
    /// What GetStrings returns: nothing when the whole value is padding (an empty single value cannot be told
    /// from no value), else each value as the VR defines its significant part.
    /// </summary>
    public string[] ExpectedStrings =>
        string.Join('\\', Values.Select(v => v.Raw)).TrimEnd(' ', '\0').Length == 0 ? [] : [.. Values.Select(v => v.Expected)];

    public override void AddTo(DicomDataset dataset, DicomTag tag)
    {
        if (!TypedAdd)
        {
            dataset.Add(tag, VR, [.. Values.Select(v => v.Raw)]);
            return;
        }

        switch (Values[0].Typed)
        {
            case DateOnly date:
                dataset.Add(tag, date);
                break;
            case TimeOnly time:
                dataset.Add(tag, time);
                break;
            case DicomPersonName name:
                dataset.Add(tag, name);
                break;
        }
    }

    public override void Verify(DicomDataset read, DicomTag tag, RoundTripLeg leg)
    {
        var expected = ExpectedStrings;
        var strings = read.GetStrings(tag);
        Assert.Equal(expected, strings);
        var typed = expected.Length == 0 ? [] : Values.Select(v => v.Typed).ToArray();
        switch (VR.ToString())
        {
            case "DA":
                for (var i = 0; i < typed.Length; i++)
                {
                    Assert.Equal(typed[i] is not null, DicomDateTime.TryParseDate(strings[i], out var date));
                    Assert.Equal(typed[i] ?? default(DateOnly), date);
                }

                if (typed is [DateOnly single])
                {
                    Assert.True(read.TryGetDate(tag, out var date));
                    Assert.Equal(single, date);
                }

                break;
            case "TM":
                for (var i = 0; i < typed.Length; i++)
                {
                    Assert.Equal(typed[i] is not null, DicomDateTime.TryParseTime(strings[i], out var time));
                    Assert.Equal(typed[i] ?? default(TimeOnly), time);
                }

                if (typed is [TimeOnly singleTime])
                {
                    Assert.True(read.TryGetTime(tag, out var time));
                    Assert.Equal(singleTime, time);
                }

                break;
            case "DT":
                for (var i = 0; i < typed.Length; i++)
                {
                    Assert.Equal(typed[i] is not null, DicomDateTime.TryParseDateTime(strings[i], out var dateTime, out var offset));
                    Assert.Equal(typed[i] ?? default(DateTimeSample), new DateTimeSample(dateTime, offset));
                }

                if (typed is [DateTimeSample singleDateTime])
                {
                    Assert.True(read.TryGetDateTime(tag, out var dateTime, out var offset));
                    Assert.Equal(singleDateTime, new DateTimeSample(dateTime, offset));
                }

                break;
            case "DS":
                var allNumbers = typed.All(t => t is double);
                Assert.Equal(allNumbers, read.TryGetDoubles(tag, out var doubles));
                if (allNumbers)
                {
                    Assert.Equal(typed.Select(t => BitConverter.DoubleToInt64Bits((double)t!)), doubles.Select(BitConverter.DoubleToInt64Bits));
                }

                break;
            case "IS":
                for (var i = 0; i < typed.Length; i++)
                {
                    Assert.Equal(typed[i] is not null, read.TryGetInt64(tag, out var integer, i));
                    Assert.Equal(typed[i] ?? 0L, integer);
                    Assert.Equal(typed[i] is not null, read.TryGetInt32(tag, out var narrow, i));
                    Assert.Equal(typed[i] ?? 0L, (long)narrow);
                }

                Assert.False(read.TryGetInt64(tag, out _, typed.Length));
                break;
            case "PN":
                Assert.Equal(typed.Cast<DicomPersonName>(), read.GetPersonNames(tag));
                if (typed is [DicomPersonName first])
                {
                    Assert.Equal(first.FamilyName, read.GetPersonName(tag)?.FamilyName);
                }

                break;
        }
    }

    private static string? CanonicalText(object typed) => typed switch
    {
        DateOnly date => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HHmmss" : "HHmmss.ffffff", CultureInfo.InvariantCulture),
        DicomPersonName name => name.ToString(),
        _ => null,
    };

    public override string ToString() =>
        $"{VR}{(TypedAdd ? " typed" : "")} [{string.Join(", ", Values)}]";
}
