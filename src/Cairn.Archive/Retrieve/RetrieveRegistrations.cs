using Cairn.Archive.Network;
using Cairn.Dicom;
using Cairn.Dicom.Network.Dimse;

namespace Cairn.Archive.Retrieve;

/// <summary>How the listener serves C-MOVE and C-GET: their SOP classes, and for C-GET the SCP role for storage.</summary>
public static class RetrieveRegistrations
{
    private static readonly IReadOnlyList<string> CommandSyntaxes = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian];

    public static DicomServiceRegistration Move(MoveScp move) =>
        new([CommandField.CMoveRequest], move, MoveScp.SopClasses.ToDictionary(s => s, _ => CommandSyntaxes, StringComparer.Ordinal));

    public static DicomServiceRegistration Get(GetScp get) =>
        new([CommandField.CGetRequest], get, GetScp.SopClasses.ToDictionary(s => s, _ => CommandSyntaxes, StringComparer.Ordinal))
        {
            RoleSelection = GetScp.AnswerRole,
        };
}
