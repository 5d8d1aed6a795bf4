namespace Cairn.Archive.Configuration;

/// <summary>
/// The configuration a first start seeds when no file is given: device dcm4chee-arc, AE DCM4CHEE on 11112, HTTP on
/// 8080, and the remote AEs of the walkthrough (STORESCP on 11115, IANSCP on 11117).
/// </summary>
public static class DefaultConfiguration
{
    public static ArchiveDevice Create() => new()
    {
        DeviceName = "dcm4chee-arc",
        Description = "Cairn archive",
        Connections =
        [
            new NetworkConnection { Name = "dicom", Hostname = "0.0.0.0", Port = 11112 },
            new NetworkConnection { Name = "http", Hostname = "0.0.0.0", Port = 8080 },
        ],
        ApplicationEntities =
        [
            new NetworkAE { AETitle = "DCM4CHEE", Description = "Hide instances rejected for quality reasons" },
        ],
        RemoteApplicationEntities =
        [
            new RemoteAE { AETitle = "STORESCP", Hostname = "localhost", Port = 11115, Description = "storescp -b STORESCP:11115" },
            new RemoteAE { AETitle = "IANSCP", Hostname = "localhost", Port = 11117, Description = "ianscp -b IANSCP:11117" },
        ],
        Archive = new ArchiveDeviceSettings
        {
            // The walkthrough's exporter; a rule that uses it is one line (see the README).
            Exporters =
            [
                new ExporterDescriptor
                {
                    ExporterId = "STORESCP", Uri = "dicom:STORESCP", QueueName = "Export1", AETitle = "DCM4CHEE",
                    Description = "Export to STORESCP, then notify IANSCP", IanDestinations = ["IANSCP"],
                },
            ],
        },
    };
}
