using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Query;

/// <summary>
/// Builds one result from a row: the attributes of the query's level and the levels above (decoded from the
/// index's blobs) and the computed ones. When the levels were written in different character sets, every text
/// value is re-encoded in UTF-8 (ISO_IR 192); otherwise the stored bytes are kept with their character set.
/// </summary>
public static class QueryResults
{
    private static readonly string[] Availability = ["ONLINE"];

    /// <summary>The result of one row; blobs are null for the levels below the query's.</summary>
    public static DicomDataset Build(QueryLevel level, IReadOnlyList<byte[]?> blobs, QueryRow row)
    {
        var levels = blobs.OfType<byte[]>().Select(b => DicomDatasetSerializer.Decode(b, DicomTransferSyntax.ExplicitVRLittleEndian)).ToList();
        var characterSets = levels.Select(d => d.GetString(DicomTags.SpecificCharacterSet)?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var result = new DicomDataset();
        var transcode = characterSets.Count > 1;
        if (transcode)
        {
            result.Add(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        }
        else if (characterSets.Count == 1)
        {
            result.Add(DicomTags.SpecificCharacterSet, characterSets[0].Split('\\'));
        }

        foreach (var dataset in levels)
        {
            foreach (var element in dataset)
            {
                if (element.Tag == DicomTags.SpecificCharacterSet)
                {
                    continue;
                }

                result.Set(transcode ? Transcode(dataset, element) : Copy(element));
            }
        }

        AddComputed(result, level, row);
        return result;
    }

    /// <summary>Only <paramref name="keep"/> of <paramref name="result"/> (and its character set).</summary>
    public static DicomDataset Select(DicomDataset result, IReadOnlySet<DicomTag> keep)
    {
        result.RemoveAll(e => e.Tag != DicomTags.SpecificCharacterSet && !keep.Contains(e.Tag));
        return result;
    }

    private static void AddComputed(DicomDataset result, QueryLevel level, QueryRow row)
    {
        switch (level)
        {
            case QueryLevel.Patient:
                result.Add(DicomTags.NumberOfPatientRelatedStudies, Number(row.Count1));
                result.Add(DicomTags.NumberOfPatientRelatedSeries, Number(row.Count2));
                result.Add(DicomTags.NumberOfPatientRelatedInstances, Number(row.Count3));
                break;
            case QueryLevel.Study:
                result.Add(DicomTags.NumberOfStudyRelatedSeries, Number(row.Count1));
                result.Add(DicomTags.NumberOfStudyRelatedInstances, Number(row.Count2));
                result.Add(DicomTags.ModalitiesInStudy, Index.MultiValue.Split(row.Modalities));
                result.Add(DicomTags.SOPClassesInStudy, Index.MultiValue.Split(row.SopClasses));
                break;
            case QueryLevel.Series:
                result.Add(DicomTags.NumberOfSeriesRelatedInstances, Number(row.Count1));
                break;
        }

        var aets = Index.MultiValue.Split(row.RetrieveAETitles);
        if (aets.Length > 0)
        {
            result.Add(DicomTags.RetrieveAETitle, aets);
        }

        result.Add(DicomTags.InstanceAvailability, row.Availability.Length > 0 ? [row.Availability] : Availability);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A sequence belongs to one data set; element values are immutable and can be shared.
    private static DicomElement Copy(DicomElement element) =>
        element is DicomSequence sequence ? new DicomSequence(sequence.Tag, sequence.Items.Select(i => i.Clone())) : element;

    /// <summary><paramref name="element"/> of <paramref name="source"/> with its text in UTF-8.</summary>
    private static DicomElement Transcode(DicomDataset source, DicomElement element)
    {
        if (element is DicomSequence sequence)
        {
            return new DicomSequence(sequence.Tag, sequence.Items.Select(item =>
            {
                var copy = new DicomDataset();
                foreach (var e in item)
                {
                    if (e.Tag != DicomTags.SpecificCharacterSet)
                    {
                        copy.Set(Transcode(item, e));
                    }
                }

                return copy;
            }));
        }

        if (element is not DicomValueElement value || !value.VR.IsCharacterSetDependent || value.IsEmpty)
        {
            return element;
        }

        try
        {
            var text = source.GetString(value.Tag) ?? "";
            var bytes = DicomCharacterSet.Utf8.Encode(text, value.VR);
            if (bytes.Length % 2 == 1)
            {
                Array.Resize(ref bytes, bytes.Length + 1);
                bytes[^1] = (byte)' ';
            }

            return new DicomValueElement(value.Tag, value.VR, bytes);
        }
        catch (Exception e) when (e is DicomFormatException or DicomValueException)
        {
            // Left as stored: better a value in the wrong character set than none.
            return element;
        }
    }
}
