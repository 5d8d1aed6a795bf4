using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cairn.Dicom.Network.Pdus;

/// <summary>Encodes PDUs (PS3.8 9.3) into a buffer writer, big endian as the Upper Layer is.</summary>
public static class PduEncoder
{
    public static byte[] Encode(Pdu pdu)
    {
        var writer = new ArrayBufferWriter<byte>();
        Encode(pdu, writer);
        return writer.WrittenSpan.ToArray();
    }

    public static void Encode(Pdu pdu, IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>();
        switch (pdu)
        {
            case AssociateRequestPdu rq:
                AssociationFields(body, rq.ProtocolVersion, rq.CalledAETitle, rq.CallingAETitle);
                Item(body, 0x10, Ascii(rq.ApplicationContextName));
                foreach (var pc in rq.PresentationContexts)
                {
                    var sub = new ArrayBufferWriter<byte>();
                    sub.Write<byte>([pc.Id, 0, 0, 0]);
                    Item(sub, 0x30, Ascii(pc.AbstractSyntax));
                    foreach (var ts in pc.TransferSyntaxes)
                    {
                        Item(sub, 0x40, Ascii(ts));
                    }

                    Item(body, 0x20, sub.WrittenSpan);
                }

                Item(body, 0x50, UserInformation(rq.UserInformation, request: true));
                break;
            case AssociateAcceptPdu ac:
                AssociationFields(body, ac.ProtocolVersion, ac.CalledAETitle, ac.CallingAETitle);
                Item(body, 0x10, Ascii(ac.ApplicationContextName));
                foreach (var pc in ac.PresentationContexts)
                {
                    var sub = new ArrayBufferWriter<byte>();
                    sub.Write<byte>([pc.Id, 0, (byte)pc.Result, 0]);
                    Item(sub, 0x40, Ascii(pc.TransferSyntax));
                    Item(body, 0x21, sub.WrittenSpan);
                }

                Item(body, 0x50, UserInformation(ac.UserInformation, request: false));
                break;
            case AssociateRejectPdu rj:
                body.Write<byte>([0, (byte)rj.Result, (byte)rj.Source, rj.Reason]);
                break;
            case DataTransferPdu data:
                foreach (var pdv in data.Values)
                {
                    WriteUInt32(body, (uint)pdv.Data.Length + 2);
                    body.Write<byte>([pdv.PresentationContextId, (byte)((pdv.IsCommand ? 1 : 0) | (pdv.IsLast ? 2 : 0))]);
                    body.Write(pdv.Data.Span);
                }

                break;
            case ReleaseRequestPdu or ReleaseResponsePdu:
                body.Write<byte>([0, 0, 0, 0]);
                break;
            case AbortPdu abort:
                body.Write<byte>([0, 0, (byte)abort.Source, (byte)abort.Reason]);
                break;
            default:
                throw new ArgumentException($"unknown PDU {pdu.GetType().Name}", nameof(pdu));
        }

        WriteHeader(output, pdu.Type, (uint)body.WrittenCount);
        output.Write(body.WrittenSpan);
    }

    /// <summary>The 6-byte PDU header; also used to frame a P-DATA-TF whose PDV data is written straight after it.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, PduType type, uint length)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)type;
        span[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], length);
        output.Advance(6);
    }

    private static void AssociationFields(ArrayBufferWriter<byte> body, ushort version, string called, string calling)
    {
        var fixedFields = new byte[68];
        BinaryPrimitives.WriteUInt16BigEndian(fixedFields, version);
        AETitle(called).CopyTo(fixedFields.AsSpan(4));
        AETitle(calling).CopyTo(fixedFields.AsSpan(20));
        body.Write(fixedFields);
    }

    private static byte[] UserInformation(UserInformation info, bool request)
    {
        var sub = new ArrayBufferWriter<byte>();
        var maximum = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(maximum, info.MaximumLength);
        Item(sub, 0x51, maximum);
        Item(sub, 0x52, Ascii(info.ImplementationClassUid));
        if (info.AsynchronousOperationsWindow is { } window)
        {
            var value = new byte[4];
            BinaryPrimitives.WriteUInt16BigEndian(value, window.Invoked);
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), window.Performed);
            Item(sub, 0x53, value);
        }

        foreach (var role in info.RoleSelections)
        {
            Item(sub, 0x54, [.. Prefixed(Ascii(role.SopClassUid)), (byte)(role.ScuRole ? 1 : 0), (byte)(role.ScpRole ? 1 : 0)]);
        }

        if (info.ImplementationVersionName is { Length: > 0 } version)
        {
            Item(sub, 0x55, Ascii(version));
        }

        foreach (var negotiation in info.ExtendedNegotiations)
        {
            Item(sub, 0x56, [.. Prefixed(Ascii(negotiation.SopClassUid)), .. negotiation.Information.Span]);
        }

        if (request && info.UserIdentity is { } identity)
        {
            Item(sub, 0x58, [(byte)identity.Type, (byte)(identity.PositiveResponseRequested ? 1 : 0), .. Prefixed(identity.PrimaryField.Span), .. Prefixed(identity.SecondaryField.Span)]);
        }

        if (!request && info.UserIdentityServerResponse is { } response)
        {
            Item(sub, 0x59, Prefixed(response.Span));
        }

        return sub.WrittenSpan.ToArray();
    }

    private static void Item(ArrayBufferWriter<byte> output, byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"an item of type 0x{type:X2} cannot hold {value.Length} bytes");
        }

        var header = output.GetSpan(4);
        header[0] = type;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
        output.Advance(4);
        output.Write(value);
    }

    private static byte[] Prefixed(ReadOnlySpan<byte> value)
    {
        var bytes = new byte[2 + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value.Length);
        value.CopyTo(bytes.AsSpan(2));
        return bytes;
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] AETitle(string title)
    {
        if (title.Length is 0 or > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
        {
            throw new ArgumentException($"'{title}' is not an AE title (1 to 16 printable characters, no backslash)", nameof(title));
        }

        return Encoding.ASCII.GetBytes(title.PadRight(16));
    }
}
