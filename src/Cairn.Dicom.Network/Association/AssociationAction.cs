namespace Cairn.Dicom.Network.Association;

/// <summary>
/// The actions of the Upper Layer protocol machine (PS3.8 Table 9-10). The driver that owns the transport performs
/// them; each member says what it involves.
/// </summary>
public enum AssociationAction
{
    /// <summary>AE-1: issue TRANSPORT CONNECT.</summary>
    AE1,

    /// <summary>AE-2: send A-ASSOCIATE-RQ PDU.</summary>
    AE2,

    /// <summary>AE-3: issue A-ASSOCIATE confirmation (accept).</summary>
    AE3,

    /// <summary>AE-4: issue A-ASSOCIATE confirmation (reject), close transport.</summary>
    AE4,

    /// <summary>AE-5: accept the transport connection, start ARTIM.</summary>
    AE5,

    /// <summary>AE-6: stop ARTIM; indicate the A-ASSOCIATE-RQ to the user (or reject it and start ARTIM).</summary>
    AE6,

    /// <summary>AE-7: send A-ASSOCIATE-AC PDU.</summary>
    AE7,

    /// <summary>AE-8: send A-ASSOCIATE-RJ PDU, start ARTIM.</summary>
    AE8,

    /// <summary>DT-1: send P-DATA-TF PDU.</summary>
    DT1,

    /// <summary>DT-2: indicate P-DATA to the user.</summary>
    DT2,

    /// <summary>AR-1: send A-RELEASE-RQ PDU.</summary>
    AR1,

    /// <summary>AR-2: indicate A-RELEASE to the user.</summary>
    AR2,

    /// <summary>AR-3: confirm A-RELEASE to the user, close transport.</summary>
    AR3,

    /// <summary>AR-4: send A-RELEASE-RP PDU, start ARTIM.</summary>
    AR4,

    /// <summary>AR-5: stop ARTIM.</summary>
    AR5,

    /// <summary>AR-6: indicate P-DATA (while awaiting A-RELEASE-RP).</summary>
    AR6,

    /// <summary>AR-7: send P-DATA-TF PDU (while awaiting the local release response).</summary>
    AR7,

    /// <summary>AR-8: indicate A-RELEASE (release collision).</summary>
    AR8,

    /// <summary>AR-9: send A-RELEASE-RP PDU (collision, requestor).</summary>
    AR9,

    /// <summary>AR-10: confirm A-RELEASE (collision, acceptor).</summary>
    AR10,

    /// <summary>AA-1: send A-ABORT PDU (service user), start or restart ARTIM.</summary>
    AA1,

    /// <summary>AA-2: stop ARTIM, close transport.</summary>
    AA2,

    /// <summary>AA-3: indicate A-ABORT (or A-P-ABORT) to the user, close transport.</summary>
    AA3,

    /// <summary>AA-4: indicate A-P-ABORT to the user.</summary>
    AA4,

    /// <summary>AA-5: stop ARTIM.</summary>
    AA5,

    /// <summary>AA-6: ignore the PDU.</summary>
    AA6,

    /// <summary>AA-7: send A-ABORT PDU.</summary>
    AA7,

    /// <summary>AA-8: send A-ABORT PDU (service provider), indicate A-P-ABORT, start ARTIM.</summary>
    AA8,
}
