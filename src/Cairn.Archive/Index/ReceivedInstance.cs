namespace Cairn.Archive.Index;

/// <summary>What the index records of one received instance, its levels above it, and how it arrived.</summary>
public sealed record ReceivedInstance
{
    public required string PatientKey { get; init; }
    public required string PatientId { get; init; }
    public required string IssuerOfPatientId { get; init; }
    public required string PatientName { get; init; }
    public required string PatientBirthDate { get; init; }
    public required string PatientSex { get; init; }

    /// <summary>
    /// The patient-level attributes as the patient row keeps them. Like the study's and the series', encoded only
    /// when the index writer inserts that row: most instances join rows that exist.
    /// </summary>
    public required Lazy<byte[]> PatientAttributes { get; init; }

    public required string StudyInstanceUid { get; init; }
    public required string StudyDate { get; init; }
    public required string StudyTime { get; init; }
    public required string AccessionNumber { get; init; }
    public required string StudyId { get; init; }
    public required string StudyDescription { get; init; }
    public required string ReferringPhysicianName { get; init; }
    public required Lazy<byte[]> StudyAttributes { get; init; }

    public required string SeriesInstanceUid { get; init; }
    public required string Modality { get; init; }
    public required long? SeriesNumber { get; init; }
    public required string SeriesDescription { get; init; }
    public required string BodyPartExamined { get; init; }
    public required string InstitutionName { get; init; }
    public required string StationName { get; init; }
    public required string PerformedProcedureStepStartDate { get; init; }
    public required string PerformedProcedureStepStartTime { get; init; }
    public required Lazy<byte[]> SeriesAttributes { get; init; }

    public required string SopInstanceUid { get; init; }
    public required string SopClassUid { get; init; }
    public required long? InstanceNumber { get; init; }
    public required string ContentDate { get; init; }
    public required string ContentTime { get; init; }
    public required string TransferSyntaxUid { get; init; }
    public required byte[] InstanceAttributes { get; init; }

    public required string SendingAETitle { get; init; }
    public required string ReceivingAETitle { get; init; }
    public required string SendingHost { get; init; }

    /// <summary>The archive's own address the instance was received on.</summary>
    public required string ReceivingHost { get; init; }
    public required DateTimeOffset Received { get; init; }

    /// <summary>Where the file is, relative to the storage root.</summary>
    public required string StoragePath { get; init; }
    public required long Size { get; init; }

    /// <summary>SHA-256 of the file, lower-case hex.</summary>
    public required string Digest { get; init; }

    /// <summary>Retrieve AE titles to name in an IAN or a query answer (the receiving AE), backslash-separated.</summary>
    public required string RetrieveAETitles { get; init; }
}
