using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cairn.Dicom.Network.Pdus;

/// <summary>
/// Decodes PDUs from received bytes (PS3.8 9.3), Bedrock style:
/// <see cref="TryDecode(ref ReadOnlySequence{byte}, uint, out Pdu?)"/> takes a PDU off the front of a buffer when it
/// is complete. Every length is checked against its container before it is believed; anything invalid is a
/// <see cref="PduFormatException"/> whose reason goes into the A-ABORT.
/// </summary>
public static class PduDecoder
{
    /// <summary>Largest non-data PDU accepted: an A-ASSOCIATE-RQ with 128 presentation contexts fits easily.</summary>
    public const uint MaxAssociationPduLength = 256 * 1024;

    private const int HeaderLength = 6;

    /// <summary>
    /// Takes one PDU off the front of <paramref name="buffer"/> when it is all there. A P-DATA-TF longer than
    /// <paramref name="maxDataLength"/> (this side's maximum PDU length; 0 for none) is refused as soon as its
    /// header arrives, before anything is allocated for it.
    /// </summary>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, uint maxDataLength, out Pdu? pdu) =>
        TryDecode(ref buffer, maxDataLength, borrowData: false, out pdu);

    /// <summary>
    /// As <see cref="TryDecode(ref ReadOnlySequence{byte}, uint, out Pdu?)"/>, but when <paramref name="borrowData"/>
    /// is set, a P-DATA-TF whose body lies in one segment of <paramref name="buffer"/> is decoded where it lies: its
    /// PDVs' data is then that memory, valid only as long as the buffer is (for a pipe, until it is advanced). Every
    /// other PDU, and a body split across segments, is copied as always.
    /// </summary>
    internal static bool TryDecode(ref ReadOnlySequence<byte> buffer, uint maxDataLength, bool borrowData, out Pdu? pdu)
    {
        pdu = null;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var type = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[2..]);
        if (type is < 1 or > 7)
        {
            throw new PduFormatException($"unrecognized PDU type 0x{type:X2}", AbortReason.UnrecognizedPdu);
        }

        var limit = type == (byte)PduType.DataTransfer
            ? (maxDataLength == 0 ? int.MaxValue - HeaderLength : maxDataLength)
            : type is (byte)PduType.AssociateRequest or (byte)PduType.AssociateAccept ? MaxAssociationPduLength : 4u;
        if (length > limit)
        {
            throw new PduFormatException($"{(PduType)type} PDU declares {length} bytes, more than the {limit} accepted", AbortReason.InvalidPduParameterValue);
        }

        if (buffer.Length < HeaderLength + length)
        {
            return false;
        }

        var slice = buffer.Slice(HeaderLength, length);
        // A received PDU's data is copied by its reader anyway (into the command bytes, the data set, a file); a
        // borrowed body saves a second copy and a 16 KB array per PDU.
        ReadOnlyMemory<byte> body = borrowData && type == (byte)PduType.DataTransfer && slice.IsSingleSegment ? slice.First : slice.ToArray();
        buffer = buffer.Slice(HeaderLength + length);
        pdu = Decode((PduType)type, body);
        return true;
    }

    /// <summary>Decodes the body (after the 6-byte header) of a PDU of the given type.</summary>
    public static Pdu Decode(PduType type, ReadOnlyMemory<byte> body) => type switch
    {
        PduType.AssociateRequest => DecodeAssociateRequest(body),
        PduType.AssociateAccept => DecodeAssociateAccept(body),
        PduType.AssociateReject => DecodeReject(body.Span),
        PduType.DataTransfer => DecodeDataTransfer(body),
        PduType.ReleaseRequest => Fixed(body.Span, type, new ReleaseRequestPdu()),
        PduType.ReleaseResponse => Fixed(body.Span, type, new ReleaseResponsePdu()),
        PduType.Abort => DecodeAbort(body.Span),
        _ => throw new PduFormatException($"unrecognized PDU type 0x{(byte)type:X2}", AbortReason.UnrecognizedPdu),
    };

    private static Pdu Fixed(ReadOnlySpan<byte> body, PduType type, Pdu pdu) =>
        body.Length == 4 ? pdu : throw Invalid($"{type} PDU has {body.Length} bytes instead of 4");

    private static AbortPdu DecodeAbort(ReadOnlySpan<byte> body)
    {
        if (body.Length != 4)
        {
            throw Invalid($"A-ABORT has {body.Length} bytes instead of 4");
        }

        // Values outside the defined ones are kept as they are: an abort is never refused.
        return new AbortPdu((AbortSource)body[2], (AbortReason)body[3]);
    }

    private static AssociateRejectPdu DecodeReject(ReadOnlySpan<byte> body)
    {
        if (body.Length != 4)
        {
            throw Invalid($"A-ASSOCIATE-RJ has {body.Length} bytes instead of 4");
        }

        if (body[1] is not (1 or 2) || body[2] is < 1 or > 3)
        {
            throw Invalid($"A-ASSOCIATE-RJ has result {body[1]} and source {body[2]}, which PS3.8 does not define");
        }

        return new AssociateRejectPdu((RejectResult)body[1], (RejectSource)body[2], body[3]);
    }

    private static DataTransferPdu DecodeDataTransfer(ReadOnlyMemory<byte> body)
    {
        var values = new List<PresentationDataValue>();
        var span = body.Span;
        var at = 0;
        while (at < span.Length)
        {
            if (span.Length - at < 6)
            {
                throw Invalid($"P-DATA-TF ends inside a PDV header ({span.Length - at} bytes left)");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
            if (length < 2 || length > (uint)(span.Length - at - 4))
            {
                throw Invalid($"a PDV declares {length} bytes but its P-DATA-TF has {span.Length - at - 4} left");
            }

            var contextId = span[at + 4];
            var control = span[at + 5];
            if ((contextId & 1) == 0 || (control & 0xFC) != 0)
            {
                throw Invalid($"a PDV has presentation context ID {contextId} and message control header 0x{control:X2}");
            }

            values.Add(new PresentationDataValue(contextId, (control & 1) != 0, (control & 2) != 0, body.Slice(at + 6, (int)length - 2)));
            at += 4 + (int)length;
        }

        if (values.Count == 0)
        {
            throw Invalid("P-DATA-TF holds no PDV");
        }

        return new DataTransferPdu(values);
    }

    private static AssociateRequestPdu DecodeAssociateRequest(ReadOnlyMemory<byte> body)
    {
        var (version, called, calling) = FixedAssociationFields(body.Span, "A-ASSOCIATE-RQ");
        string? context = null;
        var proposals = new List<PresentationContextProposal>();
        UserInformation? user = null;
        foreach (var (itemType, item) in Items(body[68..], "A-ASSOCIATE-RQ"))
        {
            switch (itemType)
            {
                case 0x10:
                    context = Uid(item.Span, "application context name");
                    break;
                case 0x20:
                    proposals.Add(DecodeProposal(item));
                    break;
                case 0x50:
                    user = DecodeUserInformation(item, request: true);
                    break;
                default:
                    throw new PduFormatException($"A-ASSOCIATE-RQ holds an item of type 0x{itemType:X2}", AbortReason.UnrecognizedPduParameter);
            }
        }

        CheckContextIds(proposals.Select(p => p.Id));
        return new AssociateRequestPdu
        {
            ProtocolVersion = version,
            CalledAETitle = called,
            CallingAETitle = calling,
            ApplicationContextName = context ?? throw Invalid("A-ASSOCIATE-RQ has no application context item"),
            PresentationContexts = proposals.Count > 0 ? proposals : throw Invalid("A-ASSOCIATE-RQ proposes no presentation context"),
            UserInformation = user ?? throw Invalid("A-ASSOCIATE-RQ has no user information item"),
        };
    }

    private static AssociateAcceptPdu DecodeAssociateAccept(ReadOnlyMemory<byte> body)
    {
        var (version, called, calling) = FixedAssociationFields(body.Span, "A-ASSOCIATE-AC");
        string? context = null;
        var answers = new List<PresentationContextAnswer>();
        UserInformation? user = null;
        foreach (var (itemType, item) in Items(body[68..], "A-ASSOCIATE-AC"))
        {
            switch (itemType)
            {
                case 0x10:
                    context = Uid(item.Span, "application context name");
                    break;
                case 0x21:
                    answers.Add(DecodeAnswer(item));
                    break;
                case 0x50:
                    user = DecodeUserInformation(item, request: false);
                    break;
                default:
                    throw new PduFormatException($"A-ASSOCIATE-AC holds an item of type 0x{itemType:X2}", AbortReason.UnrecognizedPduParameter);
            }
        }

        CheckContextIds(answers.Select(p => p.Id));
        return new AssociateAcceptPdu
        {
            ProtocolVersion = version,
            CalledAETitle = called,
            CallingAETitle = calling,
            ApplicationContextName = context ?? throw Invalid("A-ASSOCIATE-AC has no application context item"),
            PresentationContexts = answers,
            UserInformation = user ?? throw Invalid("A-ASSOCIATE-AC has no user information item"),
        };
    }

    private static (ushort Version, string Called, string Calling) FixedAssociationFields(ReadOnlySpan<byte> body, string what)
    {
        if (body.Length < 68)
        {
            throw Invalid($"{what} has {body.Length} bytes, fewer than its 68 fixed ones");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(body);
        return (version, AETitle(body.Slice(4, 16), "called"), AETitle(body.Slice(20, 16), "calling"));
    }

    private static PresentationContextProposal DecodeProposal(ReadOnlyMemory<byte> item)
    {
        var span = item.Span;
        if (span.Length < 4)
        {
            throw Invalid("a presentation context item is shorter than 4 bytes");
        }

        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        foreach (var (type, sub) in Items(item[4..], "presentation context"))
        {
            switch (type)
            {
                case 0x30 when abstractSyntax is null:
                    abstractSyntax = Uid(sub.Span, "abstract syntax");
                    break;
                case 0x40:
                    transferSyntaxes.Add(Uid(sub.Span, "transfer syntax"));
                    break;
                default:
                    throw Invalid($"presentation context {span[0]} holds a sub-item of type 0x{type:X2}");
            }
        }

        if (abstractSyntax is null || transferSyntaxes.Count == 0)
        {
            throw Invalid($"presentation context {span[0]} lacks its abstract syntax or transfer syntaxes");
        }

        return new PresentationContextProposal(span[0], abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAnswer DecodeAnswer(ReadOnlyMemory<byte> item)
    {
        var span = item.Span;
        if (span.Length < 4 || span[2] > 4)
        {
            throw Invalid("a presentation context answer is shorter than 4 bytes or has an undefined result");
        }

        string? transferSyntax = null;
        foreach (var (type, sub) in Items(item[4..], "presentation context answer"))
        {
            if (type != 0x40 || transferSyntax is not null)
            {
                throw Invalid($"presentation context answer {span[0]} holds a sub-item of type 0x{type:X2}");
            }

            transferSyntax = sub.Length == 0 ? "" : Uid(sub.Span, "transfer syntax");
        }

        var result = (PresentationContextResult)span[2];
        if (result == PresentationContextResult.Acceptance && string.IsNullOrEmpty(transferSyntax))
        {
            throw Invalid($"presentation context {span[0]} is accepted without a transfer syntax");
        }

        return new PresentationContextAnswer(span[0], result, transferSyntax ?? "");
    }

    private static UserInformation DecodeUserInformation(ReadOnlyMemory<byte> item, bool request)
    {
        uint? maximumLength = null;
        string? implementationClass = null;
        string? implementationVersion = null;
        (ushort, ushort)? window = null;
        var roles = new List<RoleSelection>();
        var extended = new List<ExtendedNegotiation>();
        UserIdentity? identity = null;
        ReadOnlyMemory<byte>? identityResponse = null;
        foreach (var (type, sub) in Items(item, "user information"))
        {
            var span = sub.Span;
            switch (type)
            {
                case 0x51:
                    maximumLength = span.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(span) : throw Invalid("maximum length sub-item is not 4 bytes");
                    break;
                case 0x52:
                    implementationClass = Uid(span, "implementation class UID");
                    break;
                case 0x53:
                    window = span.Length == 4 ? (BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..])) : throw Invalid("asynchronous operations window sub-item is not 4 bytes");
                    break;
                case 0x54:
                    var (roleUid, roleRest) = PrefixedUid(sub, "role selection");
                    roles.Add(roleRest.Length == 2 ? new RoleSelection(roleUid, roleRest.Span[0] != 0, roleRest.Span[1] != 0) : throw Invalid("role selection sub-item has a wrong length"));
                    break;
                case 0x55:
                    implementationVersion = span.Length is >= 1 and <= 16 ? Encoding.ASCII.GetString(span).Trim() : throw Invalid("implementation version name is not 1 to 16 characters");
                    break;
                case 0x56:
                    var (extendedUid, information) = PrefixedUid(sub, "extended negotiation");
                    extended.Add(new ExtendedNegotiation(extendedUid, information.ToArray()));
                    break;
                case 0x57:
                    break; // SOP Class Common Extended Negotiation: understood, not used
                case 0x58 when request:
                    identity = DecodeUserIdentity(sub);
                    break;
                case 0x59 when !request:
                    identityResponse = LengthPrefixed(sub, 0, "user identity response").ToArray();
                    break;
                default:
                    throw new PduFormatException($"user information holds a sub-item of type 0x{type:X2}", AbortReason.UnrecognizedPduParameter);
            }
        }

        return new UserInformation
        {
            MaximumLength = maximumLength ?? throw Invalid("user information has no maximum length sub-item"),
            ImplementationClassUid = implementationClass ?? throw Invalid("user information has no implementation class UID"),
            ImplementationVersionName = implementationVersion,
            AsynchronousOperationsWindow = window,
            RoleSelections = roles,
            ExtendedNegotiations = extended,
            UserIdentity = identity,
            UserIdentityServerResponse = identityResponse,
        };
    }

    private static UserIdentity DecodeUserIdentity(ReadOnlyMemory<byte> sub)
    {
        var span = sub.Span;
        if (span.Length < 4 || span[0] is < 1 or > 5)
        {
            throw Invalid("user identity sub-item is too short or of an undefined type");
        }

        var primary = LengthPrefixed(sub, 2, "user identity primary field");
        var secondaryAt = 4 + primary.Length;
        var secondary = LengthPrefixed(sub, secondaryAt, "user identity secondary field");
        if (secondaryAt + 2 + secondary.Length != span.Length)
        {
            throw Invalid("user identity sub-item has bytes after its fields");
        }

        return new UserIdentity((UserIdentityType)span[0], span[1] != 0, primary.ToArray(), secondary.ToArray());
    }

    private static ReadOnlyMemory<byte> LengthPrefixed(ReadOnlyMemory<byte> data, int at, string what)
    {
        var span = data.Span;
        if (span.Length < at + 2)
        {
            throw Invalid($"{what} has no length");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
        return span.Length - at - 2 >= length ? data.Slice(at + 2, length) : throw Invalid($"{what} declares {length} bytes but {span.Length - at - 2} remain");
    }

    private static (string Uid, ReadOnlyMemory<byte> Remainder) PrefixedUid(ReadOnlyMemory<byte> sub, string what)
    {
        var uid = LengthPrefixed(sub, 0, what);
        return (Uid(uid.Span, what), sub[(2 + uid.Length)..]);
    }

    /// <summary>The variable items of a PDU or item: type (1), reserved (1), length (2, big endian), value.</summary>
    private static List<(byte Type, ReadOnlyMemory<byte> Value)> Items(ReadOnlyMemory<byte> data, string container)
    {
        var items = new List<(byte, ReadOnlyMemory<byte>)>();
        var span = data.Span;
        var at = 0;
        while (at < span.Length)
        {
            if (span.Length - at < 4)
            {
                throw Invalid($"{container} ends inside an item header");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(span[(at + 2)..]);
            if (length > span.Length - at - 4)
            {
                throw Invalid($"an item of type 0x{span[at]:X2} in {container} declares {length} bytes but {span.Length - at - 4} remain");
            }

            items.Add((span[at], data.Slice(at + 4, length)));
            at += 4 + length;
        }

        return items;
    }

    private static void CheckContextIds(IEnumerable<byte> ids)
    {
        var seen = new HashSet<byte>();
        foreach (var id in ids)
        {
            if ((id & 1) == 0 || !seen.Add(id))
            {
                throw Invalid($"presentation context ID {id} is even or repeated (IDs are odd, 1 to 255, each once)");
            }
        }
    }

    private static string AETitle(ReadOnlySpan<byte> field, string which)
    {
        foreach (var b in field)
        {
            if (b is < 0x20 or > 0x7E or (byte)'\\')
            {
                throw Invalid($"the {which} AE title holds byte 0x{b:X2}");
            }
        }

        var title = Encoding.ASCII.GetString(field).Trim();
        return title.Length > 0 ? title : throw Invalid($"the {which} AE title is empty");
    }

    private static string Uid(ReadOnlySpan<byte> value, string what)
    {
        // Lenient on form (real peers send components with leading zeros), strict on the characters.
        var text = Encoding.ASCII.GetString(value).TrimEnd('\0', ' ');
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiDigit(c) || c == '.')
            ? text
            : throw Invalid($"the {what} '{Printable(text)}' is not a UID");
    }

    private static string Printable(string text) =>
        new([.. text.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    private static PduFormatException Invalid(string message) => new(message, AbortReason.InvalidPduParameterValue);
}
