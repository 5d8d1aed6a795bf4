using Cairn.Dicom.Network.Pdus;

namespace Cairn.Dicom.Network.Negotiation;

/// <summary>
/// What an acceptor accepts: called and calling AE titles, abstract syntaxes, and the transfer syntaxes it prefers
/// (first match in its order wins, not the requestor's). Answers an A-ASSOCIATE-RQ with an AC or an RJ.
/// </summary>
public sealed record AcceptancePolicy
{
    /// <summary>Transfer syntaxes an SCP that stores as received accepts, most preferred first.</summary>
    public static IReadOnlyList<string> StorageTransferSyntaxes { get; } =
    [
        DicomUids.ExplicitVRLittleEndian,
        DicomUids.ImplicitVRLittleEndian,
        .. DicomTransferSyntax.All.Where(t => t.IsEncapsulated || t.IsDeflated || t.IsBigEndian).Where(t => !t.IsRetired || t.IsBigEndian).Select(t => t.Uid),
    ];

    /// <summary>Called AE titles answered; empty answers any.</summary>
    public IReadOnlySet<string> CalledAETitles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Calling AE titles accepted; empty accepts any.</summary>
    public IReadOnlySet<string> CallingAETitles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// A further check of each request, made after the fixed lists: a rejection, or null to go on. An archive uses it
    /// to check called and calling AE titles against its configuration as it is at that moment.
    /// </summary>
    public Func<AssociateRequestPdu, AssociateRejectPdu?>? Screen { get; init; }

    /// <summary>Accepted abstract syntaxes with the transfer syntaxes accepted for each, most preferred first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AbstractSyntaxes { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the requestor's order of transfer syntaxes decides (the first it proposes that this side accepts)
    /// rather than this side's. An archive storing objects as received wants the sender's own syntax, which the
    /// sender proposes first; a converting SCP wants its own preference.
    /// </summary>
    public bool PreferRequestorOrder { get; init; }

    /// <summary>The largest PDU this side will receive (0: no limit).</summary>
    public uint MaxPduLength { get; init; } = 16384;

    /// <summary>Role selections this side agrees to (SCP role for C-GET storage sub-operations, for example).</summary>
    public Func<RoleSelection, RoleSelection?> RoleSelection { get; init; } = _ => null;

    /// <summary>Answers a request: an A-ASSOCIATE-RJ, or an A-ASSOCIATE-AC with the answer for every context.</summary>
    public Pdu Answer(AssociateRequestPdu request)
    {
        if (request.ApplicationContextName != AssociateRequestPdu.DicomApplicationContext)
        {
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.ApplicationContextNameNotSupported);
        }

        if ((request.ProtocolVersion & 1) == 0)
        {
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReasons.ProtocolVersionNotSupported);
        }

        if (CalledAETitles.Count > 0 && !CalledAETitles.Contains(request.CalledAETitle))
        {
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.CalledAETitleNotRecognized);
        }

        if (CallingAETitles.Count > 0 && !CallingAETitles.Contains(request.CallingAETitle))
        {
            return new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.CallingAETitleNotRecognized);
        }

        if (Screen?.Invoke(request) is { } screened)
        {
            return screened;
        }

        var answers = request.PresentationContexts.Select(Answer).ToList();
        var roles = request.UserInformation.RoleSelections.Select(RoleSelection).OfType<RoleSelection>().ToList();
        return new AssociateAcceptPdu
        {
            CalledAETitle = request.CalledAETitle,
            CallingAETitle = request.CallingAETitle,
            PresentationContexts = answers,
            UserInformation = new UserInformation { MaximumLength = MaxPduLength, RoleSelections = roles },
        };
    }

    private PresentationContextAnswer Answer(PresentationContextProposal proposal)
    {
        if (!AbstractSyntaxes.TryGetValue(proposal.AbstractSyntax, out var accepted))
        {
            return new PresentationContextAnswer(proposal.Id, PresentationContextResult.AbstractSyntaxNotSupported, DicomUids.ImplicitVRLittleEndian);
        }

        var chosen = PreferRequestorOrder
            ? proposal.TransferSyntaxes.FirstOrDefault(accepted.Contains)
            : accepted.FirstOrDefault(proposal.TransferSyntaxes.Contains);
        return chosen is null
            ? new PresentationContextAnswer(proposal.Id, PresentationContextResult.TransferSyntaxesNotSupported, DicomUids.ImplicitVRLittleEndian)
            : new PresentationContextAnswer(proposal.Id, PresentationContextResult.Acceptance, chosen);
    }
}
