using System.Globalization;
using Cairn.Dicom;

namespace Cairn.Server.Pages.Studies;

/// <summary>One result of the study browser, read from a QIDO result data set, with values as a person reads them.</summary>
public sealed record StudyRow(
    string StudyUid, string PatientName, string PatientId, string BirthDate, string Sex, string StudyDate, string StudyTime,
    string AccessionNumber, string Modalities, string Description, string Series, string Instances)
{
    public static StudyRow From(DicomDataset result) => new(
        Text(result, DicomTags.StudyInstanceUID),
        Text(result, DicomTags.PatientName),
        Text(result, DicomTags.PatientID),
        Date(Text(result, DicomTags.PatientBirthDate)),
        Text(result, DicomTags.PatientSex),
        Date(Text(result, DicomTags.StudyDate)),
        Time(Text(result, DicomTags.StudyTime)),
        Text(result, DicomTags.AccessionNumber),
        string.Join(", ", result.GetStrings(DicomTags.ModalitiesInStudy)),
        Text(result, DicomTags.StudyDescription),
        Text(result, DicomTags.NumberOfStudyRelatedSeries),
        Text(result, DicomTags.NumberOfStudyRelatedInstances));

    /// <summary>The value of <paramref name="tag"/> as text, empty when absent or not readable as text.</summary>
    public static string Text(DicomDataset result, DicomTag tag)
    {
        try
        {
            return result.GetString(tag)?.Trim() ?? "";
        }
        catch (DicomValueException)
        {
            return "";
        }
    }

    /// <summary>A DICOM date (yyyyMMdd) as yyyy-MM-dd; anything else as it is.</summary>
    public static string Date(string value) =>
        DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;

    /// <summary>A DICOM time (HHmmss.ffffff) as HH:mm; anything else as it is.</summary>
    public static string Time(string value) =>
        value.Length >= 4 && value[..4].All(char.IsAsciiDigit) ? $"{value[..2]}:{value[2..4]}" : value;
}
