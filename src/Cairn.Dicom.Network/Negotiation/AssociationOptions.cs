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

    /// <summary>
    /// The association's socket blocks the calling thread: connecting, every read and every write complete before
    /// the call that makes them returns (its task is already complete), as a blocking socket in C would. For a caller
    /// that gives the association a thread of its own and waits for each response before it goes on (a C-STORE
    /// sender against a peer with one outstanding operation): each response then wakes that thread straight from the
    /// kernel, not the socket engine's thread and then a thread-pool worker. Never for an association used from the
    /// thread pool, whose threads it would hold. Timeouts and cancellation still end a blocked call.
    /// </summary>
    public bool BlockingSocket { get; init; }
}
