namespace Cairn.Dicom.Network.Negotiation;

/// <summary>What a requestor asks for: who calls whom, the presentation contexts, and the user information.</summary>
public sealed record AssociationOptions
{
    public required string CallingAETitle { get; init; }

    public required string CalledAETitle { get; init; }

    /// <summary>Abstract syntax and the transfer syntaxes offered for it, in order of preference.</summary>
    public required IReadOnlyList<(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes)> PresentationContexts { get; init; }

    /// <summary>The largest PDU this side will receive (0: no limit).</summary>
    public uint MaxPduLength { get; init; } = 16384;

    public Pdus.UserIdentity? UserIdentity { get; init; }

    public IReadOnlyList<Pdus.RoleSelection> RoleSelections { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the A-ASSOCIATE-AC/RJ, and for the A-RELEASE-RP.</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a DIMSE response.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
