namespace Cairn.Dicom;

/// <summary>Per-VR facts from PS3.5 Table 6.2-1, looked up by switch so that nothing is built at run time.</summary>
internal static class DicomVRProperties
{
    public static VRKind KindOf(DicomVR vr) => vr.Code switch
    {
        VRCode.AE or VRCode.AS or VRCode.CS or VRCode.DA or VRCode.DS or VRCode.DT or VRCode.IS
            or VRCode.LO or VRCode.PN or VRCode.SH or VRCode.TM or VRCode.UC or VRCode.UI => VRKind.String,
        VRCode.LT or VRCode.ST or VRCode.UT or VRCode.UR => VRKind.Text,
        VRCode.AT or VRCode.FD or VRCode.FL or VRCode.SL or VRCode.SS or VRCode.SV or VRCode.UL
            or VRCode.US or VRCode.UV => VRKind.Number,
        VRCode.OB or VRCode.OD or VRCode.OF or VRCode.OL or VRCode.OV or VRCode.OW or VRCode.UN => VRKind.Bulk,
        VRCode.SQ => VRKind.Sequence,
        _ => VRKind.Unknown,
    };

    public static int ValueSizeOf(DicomVR vr) => vr.Code switch
    {
        VRCode.OB or VRCode.UN => 1,
        VRCode.SS or VRCode.US or VRCode.OW => 2,
        VRCode.AT or VRCode.FL or VRCode.SL or VRCode.UL or VRCode.OF or VRCode.OL => 4,
        VRCode.FD or VRCode.SV or VRCode.UV or VRCode.OD or VRCode.OV => 8,
        _ => 0,
    };

    public static int MaxLengthOf(DicomVR vr) => vr.Code switch
    {
        VRCode.AE => 16,
        VRCode.AS => 4,
        VRCode.CS => 16,
        VRCode.DA => 8,
        VRCode.DS => 16,
        VRCode.DT => 26,
        VRCode.IS => 12,
        VRCode.LO => 64,
        VRCode.LT => 10240,
        VRCode.PN => 64, // per component group
        VRCode.SH => 16,
        VRCode.ST => 1024,
        VRCode.TM => 14,
        VRCode.UI => 64,
        _ => 0,
    };

    /// <summary>Explicit VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 7.1.2).</summary>
    public static bool HasLongExplicitLength(DicomVR vr) => vr.Code switch
    {
        VRCode.OB or VRCode.OD or VRCode.OF or VRCode.OL or VRCode.OV or VRCode.OW or VRCode.SQ
            or VRCode.SV or VRCode.UC or VRCode.UN or VRCode.UR or VRCode.UT or VRCode.UV => true,
        _ => false,
    };

    public static bool IsCharacterSetDependent(DicomVR vr) => vr.Code switch
    {
        VRCode.SH or VRCode.LO or VRCode.ST or VRCode.LT or VRCode.PN or VRCode.UC or VRCode.UT => true,
        _ => false,
    };
}
