using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;

// Writes COUNT Part 10 files of CT Image Storage (explicit VR little endian, ROWS x COLUMNS x 16-bit pixel data) into
// FOLDER: one study, one series, distinct 2.25.<uuid> SOP Instance UIDs. The folder must not exist or be empty.
if (args.Length != 4
    || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
    || !ushort.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1
    || !ushort.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var columns) || columns < 1)
{
    Console.Error.WriteLine("usage: Cairn.BenchFiles FOLDER COUNT ROWS COLUMNS");
    return 2;
}

var folder = args[0];
Directory.CreateDirectory(folder);
if (Directory.EnumerateFileSystemEntries(folder).Any())
{
    Console.Error.WriteLine($"Cairn.BenchFiles: {folder} is not empty");
    return 1;
}

var study = DicomUidGenerator.New();
var series = DicomUidGenerator.New();
var frameOfReference = DicomUidGenerator.New();
var pixels = new byte[rows * columns * 2];
long total = 0;
for (var i = 1; i <= count; i++)
{
    // A smooth ramp shifted per image, like CT numbers: not zeros, and not the same bytes in every file.
    for (var p = 0; p < pixels.Length; p += 2)
    {
        var value = (ushort)(((p / 2) + (i * 7)) % 4096);
        pixels[p] = (byte)value;
        pixels[p + 1] = (byte)(value >> 8);
    }

    var dataset = new DicomDataset();
    dataset.Add(DicomTags.SpecificCharacterSet, "ISO_IR 100");
    dataset.Add(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
    dataset.Add(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
    dataset.Add(DicomTags.SOPInstanceUID, DicomUidGenerator.New());
    dataset.Add(DicomTags.StudyDate, "20250101");
    dataset.Add(DicomTags.ContentDate, "20250101");
    dataset.Add(DicomTags.StudyTime, "120000");
    dataset.Add(DicomTags.ContentTime, "120000");
    dataset.Add(DicomTags.AccessionNumber, "BENCH0001");
    dataset.Add(DicomTags.Modality, "CT");
    dataset.Add(DicomTags.Manufacturer, "Cairn");
    dataset.Add(DicomTags.ReferringPhysicianName, "Doe^Jane");
    dataset.Add(DicomTags.StudyDescription, "Cairn network benchmark");
    dataset.Add(DicomTags.SeriesDescription, $"{count} images {rows}x{columns}");
    dataset.Add(DicomTags.PatientName, "Bench^Patient");
    dataset.Add(DicomTags.PatientID, "BENCH");
    dataset.Add(DicomTags.PatientBirthDate, "19700101");
    dataset.Add(DicomTags.PatientSex, "O");
    dataset.Add(DicomTags.BodyPartExamined, "CHEST");
    dataset.Add(DicomTags.SliceThickness, "1");
    dataset.Add(DicomTags.KVP, "120");
    dataset.Add(DicomTags.PatientPosition, "HFS");
    dataset.Add(DicomTags.StudyInstanceUID, study);
    dataset.Add(DicomTags.SeriesInstanceUID, series);
    dataset.Add(DicomTags.StudyID, "1");
    dataset.Add(DicomTags.SeriesNumber, "1");
    dataset.Add(DicomTags.InstanceNumber, i.ToString(CultureInfo.InvariantCulture));
    dataset.Add(DicomTags.ImagePositionPatient, "0", "0", i.ToString(CultureInfo.InvariantCulture));
    dataset.Add(DicomTags.ImageOrientationPatient, "1", "0", "0", "0", "1", "0");
    dataset.Add(DicomTags.FrameOfReferenceUID, frameOfReference);
    dataset.Add(DicomTags.PositionReferenceIndicator, "");
    dataset.Add(DicomTags.SliceLocation, i.ToString(CultureInfo.InvariantCulture));
    dataset.Add(DicomTags.SamplesPerPixel, 1);
    dataset.Add(DicomTags.PhotometricInterpretation, "MONOCHROME2");
    dataset.Add(DicomTags.Rows, rows);
    dataset.Add(DicomTags.Columns, columns);
    dataset.Add(DicomTags.PixelSpacing, "0.7", "0.7");
    dataset.Add(DicomTags.BitsAllocated, 16);
    dataset.Add(DicomTags.BitsStored, 12);
    dataset.Add(DicomTags.HighBit, 11);
    dataset.Add(DicomTags.PixelRepresentation, 0);
    dataset.Add(DicomTags.WindowCenter, "40");
    dataset.Add(DicomTags.WindowWidth, "400");
    dataset.Add(DicomTags.RescaleIntercept, "-1024");
    dataset.Add(DicomTags.RescaleSlope, "1");
    dataset.AddBytes(DicomTags.PixelData, DicomVR.OW, pixels);

    var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"ct{i:D5}.dcm"));
    new DicomFile(dataset).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
    total += new FileInfo(path).Length;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} files, {total} bytes ({total / count} per file) in {folder}"));
return 0;
