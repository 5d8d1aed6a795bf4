using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests.Support;

/// <summary>Studies made of copies of the corpus's CT_small.dcm, with UIDs of their own, for tests that send many.</summary>
public static class StudyCopies
{
    /// <summary>Writes one study of <paramref name="instances"/> CT instances into <paramref name="folder"/>, files named after their instance numbers.</summary>
    public static void Write(string folder, string studyUid, int instances)
    {
        Directory.CreateDirectory(folder);
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        for (var i = 1; i <= instances; i++)
        {
            var dataset = original.Dataset.Clone();
            Replace(dataset, DicomTags.StudyInstanceUID, studyUid);
            Replace(dataset, DicomTags.SeriesInstanceUID, $"{studyUid}.1");
            Replace(dataset, DicomTags.SOPInstanceUID, $"{studyUid}.1.{i}");
            Replace(dataset, DicomTags.InstanceNumber, i.ToString(CultureInfo.InvariantCulture));
            new DicomFile(dataset, original.TransferSyntax).Save(Path.Combine(folder, $"{i}.dcm"));
        }
    }

    /// <summary>
    /// Writes one CT instance of its own study (<paramref name="studyUid"/>, with a series and an instance under it)
    /// as <paramref name="folder"/>/<paramref name="name"/>.dcm, changed by <paramref name="change"/>; returns its path.
    /// </summary>
    public static string WriteOne(string folder, string name, string studyUid, Action<DicomDataset> change)
    {
        Directory.CreateDirectory(folder);
        var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var dataset = original.Dataset.Clone();
        Replace(dataset, DicomTags.StudyInstanceUID, studyUid);
        Replace(dataset, DicomTags.SeriesInstanceUID, $"{studyUid}.1");
        Replace(dataset, DicomTags.SOPInstanceUID, $"{studyUid}.1.1");
        change(dataset);
        var path = Path.Combine(folder, $"{name}.dcm");
        new DicomFile(dataset, original.TransferSyntax).Save(path);
        return path;
    }

    /// <summary>Sets <paramref name="tag"/> of <paramref name="dataset"/> to <paramref name="value"/>, replacing what it held.</summary>
    public static void Replace(DicomDataset dataset, DicomTag tag, string value)
    {
        dataset.Remove(tag);
        dataset.Add(tag, value);
    }

    /// <summary>The data sets of the DICOM files in <paramref name="folder"/> by SOP Instance UID (hidden and partial files left out).</summary>
    public static Dictionary<string, DicomDataset> ReadAll(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => DicomFile.Open(f).Dataset)
            .ToDictionary(d => d.GetString(DicomTags.SOPInstanceUID)!, StringComparer.Ordinal);
}
