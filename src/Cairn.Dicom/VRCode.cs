namespace Cairn.Dicom;

/// <summary>The two ASCII characters of each VR as a 16-bit constant, for switches on <see cref="DicomVR.Code"/>.</summary>
internal static class VRCode
{
    public const ushort AE = 0x4145;
    public const ushort AS = 0x4153;
    public const ushort AT = 0x4154;
    public const ushort CS = 0x4353;
    public const ushort DA = 0x4441;
    public const ushort DS = 0x4453;
    public const ushort DT = 0x4454;
    public const ushort FD = 0x4644;
    public const ushort FL = 0x464C;
    public const ushort IS = 0x4953;
    public const ushort LO = 0x4C4F;
    public const ushort LT = 0x4C54;
    public const ushort OB = 0x4F42;
    public const ushort OD = 0x4F44;
    public const ushort OF = 0x4F46;
    public const ushort OL = 0x4F4C;
    public const ushort OV = 0x4F56;
    public const ushort OW = 0x4F57;
    public const ushort PN = 0x504E;
    public const ushort SH = 0x5348;
    public const ushort SL = 0x534C;
    public const ushort SQ = 0x5351;
    public const ushort SS = 0x5353;
    public const ushort ST = 0x5354;
    public const ushort SV = 0x5356;
    public const ushort TM = 0x544D;
    public const ushort UC = 0x5543;
    public const ushort UI = 0x5549;
    public const ushort UL = 0x554C;
    public const ushort UN = 0x554E;
    public const ushort UR = 0x5552;
    public const ushort US = 0x5553;
    public const ushort UT = 0x5554;
    public const ushort UV = 0x5556;
}
