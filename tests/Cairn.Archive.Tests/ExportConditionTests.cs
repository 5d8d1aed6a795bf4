using Cairn.Archive.Configuration;
using Cairn.Archive.Export;
using Cairn.Dicom;

namespace Cairn.Archive.Tests;

/// <summary>
/// Export rule conditions on their own (spec section 1, condition syntax): regexes, the empty pattern, code lists
/// compared ignoring the meaning, and the built-ins §CURRENT_DATE and §PATIENT_ID_EST, each with = and !=.
/// </summary>
public sealed class ExportConditionTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly ReceivedContext Context = new("STORESCU", "DCM4CHEE", "127.0.0.2", "127.0.0.1");

    [Theory]
    [InlineData("Modality=CT|MR", true)]
    [InlineData("Modality=(CT|MR)", true)] // a group, not a code list: no comma in it
    [InlineData("Modality=(MR|PT)(|X)", false)]
    [InlineData("Modality!=CT|MR", false)]
    [InlineData("Modality=C", false)]
    [InlineData("Modality=", false)]
    [InlineData("Modality!=", true)]
    [InlineData("StudyDescription=", true)]
    [InlineData("StudyDescription!=X", true)]
    [InlineData("ImageType[2]=PRIMARY", true)]
    [InlineData("ImageType[1]=PRIMARY", false)]
    [InlineData("ReceivingHostname=127\\.0\\.0\\.1", true)]
    [InlineData("SendingApplicationEntityTitle!=STORESCU", false)]
    public void RegexesAndTheEmptyPatternKeepTheirMeaning(string condition, bool expected)
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTags.Modality, "CT");
        dataset.Add(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        Assert.Equal(expected, ExportCondition.Parse(condition).Matches(dataset, Context, Today));
    }

    [Theory]
    [InlineData("ProcedureCodeSequence=(123, DCM, \"other\")|(456, 99X, \"x\")", true)]
    [InlineData("ProcedureCodeSequence=(456, 99X, \"x\")|(123, DCM, \"other\")", true)]
    [InlineData("ProcedureCodeSequence=(789,99X,\"b\")", true)]
    [InlineData("ProcedureCodeSequence=(456, 99X, \"x\")", false)]
    [InlineData("ProcedureCodeSequence=(123, 99X, \"meaning of 123\")", false)]
    [InlineData("ProcedureCodeSequence=(12, DCM, \"x\")", false)]
    [InlineData("ProcedureCodeSequence!=(123, DCM, \"other\")|(456, 99X, \"x\")", false)]
    [InlineData("ProcedureCodeSequence!=(456, 99X, \"x\")", true)]
    [InlineData("ProcedureCodeSequence[2]=(789, 99X, \"b\")", true)]
    [InlineData("ProcedureCodeSequence[1]=(789, 99X, \"b\")", false)]
    [InlineData("ProcedureCodeSequence[3]!=(123, DCM, \"a\")", true)]
    [InlineData("ProcedureCodeSequence=(LONG-CODE-VALUE-OF-MORE-THAN-16, L, \"long\")", true)]
    [InlineData("ProcedureCodeSequence=(789, 99X;2024, \"versioned\")", true)]
    [InlineData("ProcedureCodeSequence=(123, DCM;01, \"versioned\")", false)]
    [InlineData("RequestAttributesSequence.ScheduledProtocolCodeSequence=(P1, 99X, \"protocol\")", true)]
    [InlineData("RequestAttributesSequence.ScheduledProtocolCodeSequence!=(P1, 99X, \"protocol\")", false)]
    [InlineData("ReasonForRequestedProcedureCodeSequence=(123, DCM, \"a\")", false)]
    [InlineData("ReasonForRequestedProcedureCodeSequence!=(123, DCM, \"a\")", true)]
    public void ACodeListMatchesAnItemWithTheValueAndSchemeOfOneOfItsCodesWhateverTheMeaning(string condition, bool expected)
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTags.ProcedureCodeSequence, Code("123", "DCM", "a"), Code("789", "99X", "b", version: "2024"), Code(null, "L", "long", longValue: "LONG-CODE-VALUE-OF-MORE-THAN-16"));
        var request = new DicomDataset();
        request.Add(DicomTags.ScheduledProtocolCodeSequence, Code("P1", "99X", "whatever"));
        dataset.Add(DicomTags.RequestAttributesSequence, new DicomDataset(), request);

        Assert.Equal(expected, ExportCondition.Parse(condition).Matches(dataset, Context, Today));
    }

    [Theory]
    [InlineData("ProcedureCodeSequence=(123", "the pattern is not a regular expression")]
    [InlineData("ProcedureCodeSequence=(123, DCM)", "code 1 of the list is not (value, scheme, \"meaning\"): it has fewer than three parts")]
    [InlineData("ProcedureCodeSequence=(123, DCM, other)", "code 1 of the list is not (value, scheme, \"meaning\"): the meaning is not in double quotes")]
    [InlineData("ProcedureCodeSequence=(123, DCM, \"other\"", "code 1 of the list is not (value, scheme, \"meaning\"): no ')' after the meaning")]
    [InlineData("ProcedureCodeSequence=(, DCM, \"x\")", "code 1 of the list is not (value, scheme, \"meaning\"): the code value is empty")]
    [InlineData("ProcedureCodeSequence=(1,  , \"x\")", "code 1 of the list is not (value, scheme, \"meaning\"): the coding scheme designator is empty")]
    [InlineData("ProcedureCodeSequence=(1, DCM;, \"x\")", "the scheme's version after ';' is empty")]
    [InlineData("ProcedureCodeSequence=(1, DCM, \"x\")|", "code 2 of the list is not (value, scheme, \"meaning\"): it does not start with '('")]
    [InlineData("ProcedureCodeSequence=(1, DCM, \"x\")|456", "code 2 of the list is not (value, scheme, \"meaning\"): it does not start with '('")]
    [InlineData("ProcedureCodeSequence=(1, DCM, \"x\") (2, DCM, \"y\")", "'(2, DCM, \"y\")' follows code 1; codes are separated by '|'")]
    [InlineData("Modality=(CT, DCM, \"x\")", "Modality is CS, not a sequence")]
    [InlineData("SendingApplicationEntityTitle=(A, B, \"c\")", "a code list is compared with the items of a code sequence, not with SendingApplicationEntityTitle")]
    [InlineData("StudyDate=§TODAY", "'§TODAY' is not a built-in (§CURRENT_DATE or §PATIENT_ID_EST)")]
    public void AMalformedCodeListOrAnUnknownBuiltInIsRefusedWithTheReason(string condition, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ExportCondition.Parse(condition));
        Assert.Equal($"'{condition}': ", e.Message[..(condition.Length + 4)]);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedCodeListIsRefusedWhenTheConfigurationIsSavedNamingTheField()
    {
        var device = DefaultConfiguration.Create();
        device = device with
        {
            Archive = device.Archive with
            {
                ExportRules = [new ExportRule { Name = "codes", Entity = "Study", ExporterIds = ["STORESCP"], Conditions = ["Modality=CT", "ProcedureCodeSequence=(123, DCM)"] }],
            },
        };

        var problem = Assert.Single(ConfigurationValidator.Problems(device));
        Assert.StartsWith("dcmArchiveDevice.dcmExportRule[0].dcmProperty[1]: 'ProcedureCodeSequence=(123, DCM)': code 1 of the list", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StudyDate=§CURRENT_DATE", "20261129", true)]
    [InlineData("StudyDate=§CURRENT_DATE", "20261128", false)]
    [InlineData("StudyDate=§CURRENT_DATE", "20261130", false)]
    [InlineData("StudyDate=§CURRENT_DATE", null, false)]
    [InlineData("StudyDate!=§CURRENT_DATE", "20261129", false)]
    [InlineData("StudyDate!=§CURRENT_DATE", "20261128", true)]
    [InlineData("StudyDate!=§CURRENT_DATE", null, true)]
    public void CurrentDateMatchesADateThatIsToday(string condition, string? studyDate, bool expected)
    {
        var dataset = new DicomDataset();
        if (studyDate is not null)
        {
            dataset.Add(DicomTags.StudyDate, studyDate);
        }

        Assert.Equal(expected, ExportCondition.Parse(condition).Matches(dataset, Context, Today));
    }

    [Fact]
    public void CurrentDateTakesTheDateOfADateTimeAndOfEveryValue()
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTags.AcquisitionDateTime, "20261129235959.5+0200");
        dataset.Add(DicomTags.CalibrationDate, "20250101", "20261129");
        dataset.Add(DicomTags.StudyDescription, "20261129 follow-up");

        Assert.True(ExportCondition.Parse("AcquisitionDateTime=§CURRENT_DATE").Matches(dataset, Context, Today));
        Assert.False(ExportCondition.Parse("AcquisitionDateTime=§CURRENT_DATE").Matches(dataset, Context, Today.AddDays(1)));
        Assert.True(ExportCondition.Parse("CalibrationDate=§CURRENT_DATE").Matches(dataset, Context, Today));
        Assert.False(ExportCondition.Parse("CalibrationDate[1]=§CURRENT_DATE").Matches(dataset, Context, Today));
        Assert.False(ExportCondition.Parse("CalibrationDate!=§CURRENT_DATE").Matches(dataset, Context, Today));

        // Text that starts with a date is not a date.
        Assert.False(ExportCondition.Parse("StudyDescription=§CURRENT_DATE").Matches(dataset, Context, Today));
    }

    // Checked by hand:
    // 37605030299: 3·1+7·2+6·3+0·4+5·5+0·6+3·7+0·8+2·9+9·1 = 108, 108 mod 11 = 9.
    // 49403136526: 4·1+9·2+4·3+0·4+3·5+1·6+3·7+6·8+5·9+2·1 = 171, 171 mod 11 = 6.
    // 38001010015: first pass 3+16+0+0+5+0+7+0+0+1 = 32, mod 11 = 10; second pass (weights 3…9,1,2,3)
    //              9+32+0+0+7+0+9+0+0+3 = 60, mod 11 = 5.
    // 30001010060: first pass 3+0+0+0+5+0+7+0+0+6 = 21, mod 11 = 10; second pass 9+0+0+0+7+0+9+0+0+18 = 43,
    //              mod 11 = 10 again, so the check digit is 0.
    [Theory]
    [InlineData("37605030299", true)]
    [InlineData("49403136526", true)]
    [InlineData("38001010015", true)]
    [InlineData("30001010060", true)]
    [InlineData("37605030298", false)]
    [InlineData("38001010010", false)]
    [InlineData("30001010061", false)]
    [InlineData("3760503029", false)]
    [InlineData("376050302990", false)]
    [InlineData("3760503029X", false)]
    public void AnEstonianPersonalCodeIsElevenDigitsWithTheCheckDigitOfTheStandardAlgorithm(string value, bool valid)
    {
        Assert.Equal(valid, ExportCondition.IsEstonianPersonalCode(value));

        var dataset = new DicomDataset();
        dataset.Add(DicomTags.PatientID, value);
        Assert.Equal(valid, ExportCondition.Parse("PatientID=§PATIENT_ID_EST").Matches(dataset, Context, Today));
        Assert.Equal(!valid, ExportCondition.Parse("PatientID!=§PATIENT_ID_EST").Matches(dataset, Context, Today));
    }

    [Fact]
    public void AnAbsentPatientIdIsNoEstonianCodeAndSatisfiesNotEquals()
    {
        // Digits other than ASCII ones are no digits of a code.
        Assert.False(ExportCondition.IsEstonianPersonalCode("３7605030299"));
        Assert.False(ExportCondition.Parse("PatientID=§PATIENT_ID_EST").Matches(new DicomDataset(), Context, Today));
        Assert.True(ExportCondition.Parse("PatientID!=§PATIENT_ID_EST").Matches(new DicomDataset(), Context, Today));
    }

    private static DicomDataset Code(string? value, string scheme, string meaning, string? version = null, string? longValue = null)
    {
        var item = new DicomDataset();
        if (value is not null)
        {
            item.Add(DicomTags.CodeValue, value);
        }

        if (longValue is not null)
        {
            item.Add(DicomTags.LongCodeValue, longValue);
        }

        item.Add(DicomTags.CodingSchemeDesignator, scheme);
        if (version is not null)
        {
            item.Add(DicomTags.CodingSchemeVersion, version);
        }

        item.Add(DicomTags.CodeMeaning, meaning);
        return item;
    }
}
