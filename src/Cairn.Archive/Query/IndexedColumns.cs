using Cairn.Dicom;

namespace Cairn.Archive.Query;

/// <summary>
/// The attributes the index keeps in columns of its own, which a query matches in SQL. Any other matching key is
/// applied to the attributes decoded from the index's blobs, in memory. Table aliases: p, st, se, i.
/// </summary>
public static class IndexedColumns
{
    private static readonly Dictionary<DicomTag, IndexedColumn> Columns = new()
    {
        [DicomTags.PatientID] = new(QueryLevel.Patient, "p.patient_id", ColumnKind.Text),
        [DicomTags.IssuerOfPatientID] = new(QueryLevel.Patient, "p.issuer", ColumnKind.Text),
        [DicomTags.PatientName] = new(QueryLevel.Patient, "p.patient_name_norm", ColumnKind.PersonName),
        [DicomTags.PatientBirthDate] = new(QueryLevel.Patient, "p.birth_date", ColumnKind.Date),
        [DicomTags.PatientSex] = new(QueryLevel.Patient, "p.sex", ColumnKind.Text),
        [DicomTags.StudyInstanceUID] = new(QueryLevel.Study, "st.study_iuid", ColumnKind.Uid),
        [DicomTags.StudyDate] = new(QueryLevel.Study, "st.study_date", ColumnKind.Date),
        [DicomTags.StudyTime] = new(QueryLevel.Study, "st.study_time", ColumnKind.Time),
        [DicomTags.AccessionNumber] = new(QueryLevel.Study, "st.accession_no", ColumnKind.Text),
        [DicomTags.StudyID] = new(QueryLevel.Study, "st.study_id", ColumnKind.Text),
        [DicomTags.StudyDescription] = new(QueryLevel.Study, "st.study_desc", ColumnKind.Text),
        [DicomTags.ReferringPhysicianName] = new(QueryLevel.Study, "st.ref_physician_norm", ColumnKind.PersonName),
        [DicomTags.ModalitiesInStudy] = new(QueryLevel.Study, "st.modalities", ColumnKind.ValueList),
        [DicomTags.SOPClassesInStudy] = new(QueryLevel.Study, "st.sop_classes", ColumnKind.ValueList),
        [ArchivePrivateTags.SendingApplicationEntityTitleOfSeries] = new(QueryLevel.Study, "sending_aet", ColumnKind.SeriesText),
        [DicomTags.SeriesInstanceUID] = new(QueryLevel.Series, "se.series_iuid", ColumnKind.Uid),
        [DicomTags.Modality] = new(QueryLevel.Series, "se.modality", ColumnKind.Text),
        [DicomTags.SeriesNumber] = new(QueryLevel.Series, "se.series_no", ColumnKind.Number),
        [DicomTags.SeriesDescription] = new(QueryLevel.Series, "se.series_desc", ColumnKind.Text),
        [DicomTags.BodyPartExamined] = new(QueryLevel.Series, "se.body_part", ColumnKind.Text),
        [DicomTags.InstitutionName] = new(QueryLevel.Series, "se.institution", ColumnKind.Text),
        [DicomTags.StationName] = new(QueryLevel.Series, "se.station_name", ColumnKind.Text),
        [DicomTags.PerformedProcedureStepStartDate] = new(QueryLevel.Series, "se.pps_start_date", ColumnKind.Date),
        [DicomTags.PerformedProcedureStepStartTime] = new(QueryLevel.Series, "se.pps_start_time", ColumnKind.Time),
        [DicomTags.SOPInstanceUID] = new(QueryLevel.Image, "i.sop_iuid", ColumnKind.Uid),
        [DicomTags.SOPClassUID] = new(QueryLevel.Image, "i.sop_cuid", ColumnKind.Uid),
        [DicomTags.InstanceNumber] = new(QueryLevel.Image, "i.instance_no", ColumnKind.Number),
        [DicomTags.ContentDate] = new(QueryLevel.Image, "i.content_date", ColumnKind.Date),
        [DicomTags.ContentTime] = new(QueryLevel.Image, "i.content_time", ColumnKind.Time),
    };

    /// <summary>Attributes the engine computes; matching keys on them (but the lists in a study) are not applied.</summary>
    public static IReadOnlySet<DicomTag> Computed { get; } = new HashSet<DicomTag>
    {
        DicomTags.NumberOfPatientRelatedStudies, DicomTags.NumberOfPatientRelatedSeries, DicomTags.NumberOfPatientRelatedInstances,
        DicomTags.NumberOfStudyRelatedSeries, DicomTags.NumberOfStudyRelatedInstances, DicomTags.NumberOfSeriesRelatedInstances,
        DicomTags.RetrieveAETitle, DicomTags.InstanceAvailability, DicomTags.SpecificCharacterSet, DicomTags.QueryRetrieveLevel,
        DicomTags.TimezoneOffsetFromUTC,
    };

    public static IndexedColumn? Find(DicomTag tag) => Columns.GetValueOrDefault(tag);

    /// <summary>The level an attribute belongs to, as the index keeps it.</summary>
    public static QueryLevel LevelOf(DicomTag tag)
    {
        if (Columns.TryGetValue(tag, out var column))
        {
            return column.Level;
        }

        if (tag == DicomTags.NumberOfPatientRelatedStudies || tag == DicomTags.NumberOfPatientRelatedSeries || tag == DicomTags.NumberOfPatientRelatedInstances)
        {
            return QueryLevel.Patient;
        }

        if (tag == DicomTags.NumberOfStudyRelatedSeries || tag == DicomTags.NumberOfStudyRelatedInstances)
        {
            return QueryLevel.Study;
        }

        if (tag == DicomTags.NumberOfSeriesRelatedInstances)
        {
            return QueryLevel.Series;
        }

        return Index.AttributeLevels.IsPatient(tag) ? QueryLevel.Patient
            : Index.AttributeLevels.Study.Contains(tag) ? QueryLevel.Study
            : Index.AttributeLevels.Series.Contains(tag) ? QueryLevel.Series
            : QueryLevel.Image;
    }
}
