using Cairn.Dicom;

namespace Cairn.Archive.Index;

/// <summary>
/// Which attributes of a received data set belong to the patient, the study and the series: each level keeps its
/// own in the index (as an encoded data set), so that a query at that level can return them without opening files.
/// The instance level keeps everything else that is not bulk data.
/// </summary>
public static class AttributeLevels
{
    public static IReadOnlySet<DicomTag> Study { get; } = new HashSet<DicomTag>
    {
        DicomTags.StudyInstanceUID, DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber,
        DicomTags.IssuerOfAccessionNumberSequence, DicomTags.StudyID, DicomTags.StudyDescription,
        DicomTags.ReferringPhysicianName, DicomTags.ReferringPhysicianIdentificationSequence,
        DicomTags.ProcedureCodeSequence, DicomTags.NameOfPhysiciansReadingStudy, DicomTags.AdmittingDiagnosesDescription,
        DicomTags.PatientAge, DicomTags.PatientSize, DicomTags.PatientWeight, DicomTags.Occupation,
        DicomTags.AdditionalPatientHistory, DicomTags.PhysiciansOfRecord, DicomTags.RequestingPhysician,
        DicomTags.RequestedProcedureDescription, DicomTags.ReasonForTheRequestedProcedure,
    };

    public static IReadOnlySet<DicomTag> Series { get; } = new HashSet<DicomTag>
    {
        DicomTags.SeriesInstanceUID, DicomTags.Modality, DicomTags.SeriesNumber, DicomTags.SeriesDescription,
        DicomTags.SeriesDate, DicomTags.SeriesTime, DicomTags.BodyPartExamined, DicomTags.Laterality,
        DicomTags.ProtocolName, DicomTags.PerformedProcedureStepStartDate, DicomTags.PerformedProcedureStepStartTime,
        DicomTags.PerformedProcedureStepID, DicomTags.PerformedProcedureStepDescription, DicomTags.RequestAttributesSequence,
        DicomTags.InstitutionName, DicomTags.InstitutionalDepartmentName, DicomTags.StationName, DicomTags.Manufacturer,
        DicomTags.ManufacturerModelName, DicomTags.OperatorsName, DicomTags.PerformingPhysicianName,
        DicomTags.FrameOfReferenceUID,
    };

    /// <summary>Patient module attributes: group 0010 but for those that describe the patient at one study.</summary>
    public static bool IsPatient(DicomTag tag) => tag.Group == 0x0010 && !Study.Contains(tag);

    /// <summary>The attributes of <paramref name="dataset"/> at one level, with the character set they are written in.</summary>
    public static DicomDataset Select(DicomDataset dataset, Func<DicomTag, bool> belongs)
    {
        var selected = new DicomDataset();
        foreach (var element in dataset)
        {
            if (element.Tag == DicomTags.SpecificCharacterSet || belongs(element.Tag))
            {
                selected.Set(Copy(element));
            }
        }

        return selected;
    }

    /// <summary>
    /// What the instance level keeps: the top level without file meta, pixel data, other bulk data (binary values
    /// over 1 KB) and icon images; the rest is small and answers any query for an attribute of the instance.
    /// </summary>
    public static DicomDataset InstanceAttributes(DicomDataset dataset)
    {
        var selected = new DicomDataset();
        foreach (var element in dataset)
        {
            if (element.Tag.Group == 0x0002 || element.Tag == DicomTags.IconImageSequence || IsBulk(element))
            {
                continue;
            }

            selected.Set(Copy(element));
        }

        return selected;
    }

    // A sequence belongs to one data set; values are immutable and can be shared.
    private static DicomElement Copy(DicomElement element) =>
        element is DicomSequence sequence ? new DicomSequence(sequence.Tag, sequence.Items.Select(i => i.Clone())) : element;

    private static bool IsBinary(DicomVR vr) =>
        vr == DicomVR.OB || vr == DicomVR.OW || vr == DicomVR.OF || vr == DicomVR.OD || vr == DicomVR.OL || vr == DicomVR.OV || vr == DicomVR.UN;

    private static bool IsBulk(DicomElement element) =>
        element is DicomFragments
        || (element is DicomValueElement value && IsBinary(value.VR) && value.Value.Length > 1024)
        || element.Tag == DicomTags.PixelData || element.Tag == DicomTags.FloatPixelData || element.Tag == DicomTags.DoubleFloatPixelData;
}
