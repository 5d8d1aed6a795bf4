using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Pdus;

namespace Cairn.Archive.Network;

/// <summary>
/// One DICOM service of the archive: the commands its handler serves, the abstract syntaxes (with their transfer
/// syntaxes, preferred first) the listener accepts for it, and the roles it takes when a peer asks (C-GET needs the
/// SCU to act as storage SCP).
/// </summary>
public sealed record DicomServiceRegistration(
    IReadOnlyList<CommandField> Commands,
    DicomServiceHandler Handler,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AbstractSyntaxes)
{
    /// <summary>Answers role selection proposals for this service's abstract syntaxes; null leaves them unanswered.</summary>
    public Func<RoleSelection, RoleSelection?>? RoleSelection { get; init; }
}
