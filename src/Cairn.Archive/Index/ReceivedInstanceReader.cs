using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;

namespace Cairn.Archive.Index;

/// <summary>
/// Takes what the index needs from a received data set and checks what it cannot do without: Study, Series and SOP
/// Instance UID present and valid UIDs, and the SOP Instance UID the one the C-STORE announced.
/// </summary>
public static class ReceivedInstanceReader
{
    /// <summary>The reason <paramref name="dataset"/> cannot be stored, or null.</summary>
    public static string? Problem(DicomDataset dataset, string announcedSopInstanceUid, string announcedSopClassUid)
    {
        foreach (var (tag, name) in new[] { (DicomTags.StudyInstanceUID, "Study Instance UID"), (DicomTags.SeriesInstanceUID, "Series Instance UID"), (DicomTags.SOPInstanceUID, "SOP Instance UID"), (DicomTags.SOPClassUID, "SOP Class UID") })
        {
            var value = dataset.GetString(tag);
            if (string.IsNullOrEmpty(value))
            {
                return $"{name} {tag} is missing";
            }

            if (DicomValueValidator.CheckUid(value) is { } problem)
            {
                return $"{name} {tag} '{value}' is not a valid UID: {problem}";
            }
        }

        if (dataset.GetString(DicomTags.SOPInstanceUID) != announcedSopInstanceUid)
        {
            return $"SOP Instance UID (0008,0018) '{dataset.GetString(DicomTags.SOPInstanceUID)}' differs from the C-STORE's Affected SOP Instance UID '{announcedSopInstanceUid}'";
        }

        if (dataset.GetString(DicomTags.SOPClassUID) != announcedSopClassUid)
        {
            return $"SOP Class UID (0008,0016) '{dataset.GetString(DicomTags.SOPClassUID)}' differs from the C-STORE's Affected SOP Class UID '{announcedSopClassUid}'";
        }

        if (dataset.GetString(DicomTags.StudyInstanceUID) == dataset.GetString(DicomTags.SeriesInstanceUID))
        {
            return "Study Instance UID and Series Instance UID are the same";
        }

        return null;
    }

    /// <summary>The index record of a data set that passed <see cref="Problem"/>.</summary>
    public static ReceivedInstance Read(DicomDataset dataset, DicomTransferSyntax transferSyntax, Receipt receipt)
    {
        var patientId = Text(dataset, DicomTags.PatientID);
        var issuer = Text(dataset, DicomTags.IssuerOfPatientID);
        var patientName = Text(dataset, DicomTags.PatientName);
        var birthDate = Text(dataset, DicomTags.PatientBirthDate);
        return new ReceivedInstance
        {
            // Patients are told apart by ID and issuer; without an ID, by name and birth date.
            PatientKey = patientId.Length > 0 ? $"{patientId}^{issuer}" : $"~{patientName}^{birthDate}",
            PatientId = patientId,
            IssuerOfPatientId = issuer,
            PatientName = patientName,
            PatientBirthDate = birthDate,
            PatientSex = Text(dataset, DicomTags.PatientSex),
            PatientAttributes = Deferred(() => Encode(AttributeLevels.Select(dataset, AttributeLevels.IsPatient))),
            StudyInstanceUid = Text(dataset, DicomTags.StudyInstanceUID),
            StudyDate = Text(dataset, DicomTags.StudyDate),
            StudyTime = Text(dataset, DicomTags.StudyTime),
            AccessionNumber = Text(dataset, DicomTags.AccessionNumber),
            StudyId = Text(dataset, DicomTags.StudyID),
            StudyDescription = Text(dataset, DicomTags.StudyDescription),
            ReferringPhysicianName = Text(dataset, DicomTags.ReferringPhysicianName),
            StudyAttributes = Deferred(() => Encode(AttributeLevels.Select(dataset, AttributeLevels.Study.Contains))),
            SeriesInstanceUid = Text(dataset, DicomTags.SeriesInstanceUID),
            Modality = Text(dataset, DicomTags.Modality),
            SeriesNumber = Number(dataset, DicomTags.SeriesNumber),
            SeriesDescription = Text(dataset, DicomTags.SeriesDescription),
            BodyPartExamined = Text(dataset, DicomTags.BodyPartExamined),
            InstitutionName = Text(dataset, DicomTags.InstitutionName),
            StationName = Text(dataset, DicomTags.StationName),
            PerformedProcedureStepStartDate = Text(dataset, DicomTags.PerformedProcedureStepStartDate),
            PerformedProcedureStepStartTime = Text(dataset, DicomTags.PerformedProcedureStepStartTime),
            SeriesAttributes = Deferred(() => Encode(AttributeLevels.Select(dataset, AttributeLevels.Series.Contains))),
            SopInstanceUid = Text(dataset, DicomTags.SOPInstanceUID),
            SopClassUid = Text(dataset, DicomTags.SOPClassUID),
            InstanceNumber = Number(dataset, DicomTags.InstanceNumber),
            ContentDate = Text(dataset, DicomTags.ContentDate),
            ContentTime = Text(dataset, DicomTags.ContentTime),
            TransferSyntaxUid = transferSyntax.Uid,
            InstanceAttributes = Encode(AttributeLevels.InstanceAttributes(dataset)),
            SendingAETitle = receipt.SendingAETitle,
            ReceivingAETitle = receipt.ReceivingAETitle,
            SendingHost = receipt.SendingHost,
            ReceivingHost = receipt.ReceivingHost,
            Received = receipt.Received,
            StoragePath = receipt.StoragePath,
            Size = receipt.Size,
            Digest = receipt.Digest,
            RetrieveAETitles = receipt.ReceivingAETitle,
        };
    }

    /// <summary>A value as text with its padding gone; empty when absent or not decodable.</summary>
    private static string Text(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetString(tag)?.Trim() ?? "";
        }
        catch (DicomFormatException)
        {
            return "";
        }
    }

    private static long? Number(DicomDataset dataset, DicomTag tag) =>
        long.TryParse(Text(dataset, tag), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    // Evaluated by the index writer alone, one instance at a time: no lock needed.
    private static Lazy<byte[]> Deferred(Func<byte[]> encode) => new(encode, LazyThreadSafetyMode.None);

    private static byte[] Encode(DicomDataset dataset) => DicomDatasetSerializer.Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
}
