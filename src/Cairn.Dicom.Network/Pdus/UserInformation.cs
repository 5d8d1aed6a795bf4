namespace Cairn.Dicom.Network.Pdus;

/// <summary>The User Information item of A-ASSOCIATE-RQ/AC (PS3.8 9.3.2.3, PS3.7 Annex D).</summary>
public sealed record UserInformation
{
    /// <summary>The largest P-DATA-TF PDU length this side receives; 0 means no limit.</summary>
    public uint MaximumLength { get; init; } = 16384;

    public string ImplementationClassUid { get; init; } = CairnImplementation.ClassUid;

    public string? ImplementationVersionName { get; init; } = CairnImplementation.VersionName;

    /// <summary>Asynchronous Operations Window: invoked and performed; null when not negotiated (1/1).</summary>
    public (ushort Invoked, ushort Performed)? AsynchronousOperationsWindow { get; init; }

    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];

    public IReadOnlyList<ExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>In a request only.</summary>
    public UserIdentity? UserIdentity { get; init; }

    /// <summary>In an accept only: the server response to a user identity that asked for one.</summary>
    public ReadOnlyMemory<byte>? UserIdentityServerResponse { get; init; }
}
