using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Cairn.Dicom.Network.Pdus;
using Cairn.Dicom.Network.Tests.Support;

namespace Cairn.Dicom.Network.Tests.Pdus;

public class PduCodecTests
{
    private static AssociateRequestPdu Request() => new()
    {
        CalledAETitle = "DCM4CHEE",
        CallingAETitle = "STORESCU",
        PresentationContexts =
        [
            new(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
            new(3, DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian]),
        ],
        UserInformation = new UserInformation
        {
            MaximumLength = 16384,
            AsynchronousOperationsWindow = (5, 1),
            RoleSelections = [new RoleSelection(DicomUids.CTImageStorage, true, false)],
            ExtendedNegotiations = [new ExtendedNegotiation(DicomUids.CTImageStorage, new byte[] { 1, 0, 1 })],
            UserIdentity = new UserIdentity(UserIdentityType.UsernameAndPasscode, true, "alice"u8.ToArray(), "secret"u8.ToArray()),
        },
    };

    private static T RoundTrip<T>(T pdu)
        where T : Pdu
    {
        var sequence = new ReadOnlySequence<byte>(PduEncoder.Encode(pdu));
        Assert.True(PduDecoder.TryDecode(ref sequence, 0, out var decoded));
        Assert.True(sequence.IsEmpty);
        return Assert.IsType<T>(decoded);
    }

    [Fact]
    public void Associate_request_round_trips_with_every_user_information_sub_item()
    {
        var decoded = RoundTrip(Request());
        Assert.Equal("DCM4CHEE", decoded.CalledAETitle);
        Assert.Equal("STORESCU", decoded.CallingAETitle);
        Assert.Equal(AssociateRequestPdu.DicomApplicationContext, decoded.ApplicationContextName);
        Assert.Equal(2, decoded.PresentationContexts.Count);
        Assert.Equal([DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian], decoded.PresentationContexts[1].TransferSyntaxes);
        var user = decoded.UserInformation;
        Assert.Equal(16384u, user.MaximumLength);
        Assert.Equal(CairnImplementation.ClassUid, user.ImplementationClassUid);
        Assert.Equal(CairnImplementation.VersionName, user.ImplementationVersionName);
        Assert.Equal(((ushort)5, (ushort)1), user.AsynchronousOperationsWindow);
        Assert.Equal(new RoleSelection(DicomUids.CTImageStorage, true, false), user.RoleSelections.Single());
        Assert.Equal(new byte[] { 1, 0, 1 }, user.ExtendedNegotiations.Single().Information.ToArray());
        Assert.Equal("alice", Encoding.ASCII.GetString(user.UserIdentity!.PrimaryField.Span));
        Assert.Equal("secret", Encoding.ASCII.GetString(user.UserIdentity.SecondaryField.Span));
        Assert.True(user.UserIdentity.PositiveResponseRequested);
    }

    [Fact]
    public void Associate_accept_round_trips()
    {
        var decoded = RoundTrip(new AssociateAcceptPdu
        {
            CalledAETitle = "DCM4CHEE",
            CallingAETitle = "STORESCU",
            PresentationContexts = [new(1, PresentationContextResult.Acceptance, DicomUids.ImplicitVRLittleEndian), new(3, PresentationContextResult.TransferSyntaxesNotSupported, DicomUids.ImplicitVRLittleEndian)],
            UserInformation = new UserInformation { MaximumLength = 0, UserIdentityServerResponse = "token"u8.ToArray() },
        });
        Assert.True(decoded.PresentationContexts[0].IsAccepted);
        Assert.Equal(PresentationContextResult.TransferSyntaxesNotSupported, decoded.PresentationContexts[1].Result);
        Assert.Equal(0u, decoded.UserInformation.MaximumLength);
        Assert.Equal("token", Encoding.ASCII.GetString(decoded.UserInformation.UserIdentityServerResponse!.Value.Span));
    }

    [Fact]
    public void Reject_release_and_abort_round_trip()
    {
        var reject = RoundTrip(new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReasons.CalledAETitleNotRecognized));
        Assert.Equal(RejectResult.Permanent, reject.Result);
        Assert.Contains("called AE title not recognized", reject.ToString(), StringComparison.Ordinal);
        RoundTrip(new ReleaseRequestPdu());
        RoundTrip(new ReleaseResponsePdu());
        var abort = RoundTrip(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu));
        Assert.Equal(AbortReason.UnexpectedPdu, abort.Reason);
    }

    [Fact]
    public void Data_transfer_round_trips_its_pdvs()
    {
        var decoded = RoundTrip(new DataTransferPdu(
            new PresentationDataValue(1, true, true, new byte[] { 1, 2, 3, 4 }),
            new PresentationDataValue(3, false, false, new byte[] { 5 })));
        Assert.Equal(2, decoded.Values.Count);
        Assert.True(decoded.Values[0].IsCommand && decoded.Values[0].IsLast);
        Assert.False(decoded.Values[1].IsCommand || decoded.Values[1].IsLast);
        Assert.Equal(new byte[] { 5 }, decoded.Values[1].Data.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_data_transfer_split_across_segments_anywhere_decodes_as_a_whole_one(bool borrow)
    {
        var bytes = PduEncoder.Encode(new DataTransferPdu(
            new PresentationDataValue(1, true, true, new byte[] { 1, 2, 3, 4, 5 }),
            new PresentationDataValue(3, false, false, new byte[] { 6, 7, 8 })));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            foreach (var sequence in new[] { ChainedSegment.Split(bytes, cut), ChainedSegment.Split(bytes, cut / 2, cut) })
            {
                var buffer = sequence;
                Assert.True(PduDecoder.TryDecode(ref buffer, 0, borrow, out var pdu));
                Assert.True(buffer.IsEmpty);
                var values = Assert.IsType<DataTransferPdu>(pdu).Values;
                Assert.Equal("1 True True 1,2,3,4,5|3 False False 6,7,8", string.Join('|', values.Select(v => $"{v.PresentationContextId} {v.IsCommand} {v.IsLast} {string.Join(',', v.Data.ToArray())}")));
            }
        }
    }

    [Fact]
    public void Only_a_data_transfer_in_one_segment_borrows_its_buffer()
    {
        var data = PduEncoder.Encode(new DataTransferPdu(new PresentationDataValue(1, false, true, new byte[] { 9, 9, 9 })));
        var release = PduEncoder.Encode(new ReleaseRequestPdu());
        var bytes = data.Concat(release).ToArray();

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(PduDecoder.TryDecode(ref whole, 0, borrowData: true, out var borrowed));
        Assert.True(MemoryMarshal.TryGetArray(Assert.IsType<DataTransferPdu>(borrowed).Values[0].Data, out var lent));
        Assert.Same(bytes, lent.Array);
        Assert.True(PduDecoder.TryDecode(ref whole, 0, borrowData: true, out var next));
        Assert.IsType<ReleaseRequestPdu>(next);

        var copied = new ReadOnlySequence<byte>(bytes);
        Assert.True(PduDecoder.TryDecode(ref copied, 0, out var copy));
        Assert.True(MemoryMarshal.TryGetArray(Assert.IsType<DataTransferPdu>(copy).Values[0].Data, out var own));
        Assert.NotSame(bytes, own.Array);

        var split = ChainedSegment.Split(bytes, 8);
        Assert.True(PduDecoder.TryDecode(ref split, 0, borrowData: true, out var joined));
        Assert.Equal(new byte[] { 9, 9, 9 }, Assert.IsType<DataTransferPdu>(joined).Values[0].Data.ToArray());
    }

    [Fact]
    public void A_pdu_arriving_in_pieces_is_decoded_once_complete()
    {
        var bytes = PduEncoder.Encode(Request());
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.False(PduDecoder.TryDecode(ref partial, 0, out _));
            Assert.Equal(cut, partial.Length);
        }
    }

    [Fact]
    public void A_pdu_declaring_4_gb_is_refused_from_its_header_alone()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { 0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF });
        var error = Assert.Throws<PduFormatException>(() => PduDecoder.TryDecode(ref header, 16384, out _));
        Assert.Contains("4294967295 bytes, more than the 16384 accepted", error.Message, StringComparison.Ordinal);

        var association = new ReadOnlySequence<byte>(new byte[] { 0x01, 0, 0x7F, 0xFF, 0xFF, 0xFF });
        Assert.Throws<PduFormatException>(() => PduDecoder.TryDecode(ref association, 0, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0, 0, 0, 0, 0 }, "unrecognized PDU type 0x00")]
    [InlineData(new byte[] { 0x08, 0, 0, 0, 0, 4, 0, 0, 0, 0 }, "unrecognized PDU type 0x08")]
    [InlineData(new byte[] { 0x05, 0, 0, 0, 0, 2, 0, 0 }, "2 bytes instead of 4")]
    [InlineData(new byte[] { 0x04, 0, 0, 0, 0, 6, 0, 0, 0, 9, 1, 3 }, "declares 9 bytes")]
    [InlineData(new byte[] { 0x04, 0, 0, 0, 0, 6, 0, 0, 0, 2, 2, 3 }, "presentation context ID 2")]
    [InlineData(new byte[] { 0x03, 0, 0, 0, 0, 4, 0, 9, 1, 1 }, "result 9")]
    public void Malformed_pdus_are_refused_with_what_is_wrong(byte[] bytes, string expected)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        var error = Assert.Throws<PduFormatException>(() => PduDecoder.TryDecode(ref sequence, 0, out _));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_with_more_than_128_presentation_contexts_repeats_ids_and_is_refused()
    {
        var proposals = Enumerable.Range(0, 500).Select(i => new PresentationContextProposal((byte)((i * 2) + 1), DicomUids.CTImageStorage, [DicomUids.ImplicitVRLittleEndian])).ToList();
        var bytes = PduEncoder.Encode(new AssociateRequestPdu { CalledAETitle = "A", CallingAETitle = "B", PresentationContexts = proposals });
        var sequence = new ReadOnlySequence<byte>(bytes);
        var error = Assert.Throws<PduFormatException>(() => PduDecoder.TryDecode(ref sequence, 0, out _));
        Assert.Contains("even or repeated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_an_item_inside_an_associate_request_is_refused_cleanly()
    {
        var body = PduEncoder.Encode(Request())[6..];
        for (var cut = 0; cut < body.Length; cut++)
        {
            var error = Record.Exception(() => PduDecoder.Decode(PduType.AssociateRequest, body.AsMemory(0, cut)));
            Assert.True(error is PduFormatException, $"cut at {cut}: {error}");
        }
    }

    [Fact]
    public void Random_garbage_never_throws_anything_but_a_format_error()
    {
        var random = new Random(1234);
        for (var i = 0; i < 3_000; i++)
        {
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            foreach (var type in Enum.GetValues<PduType>())
            {
                var error = Record.Exception(() => PduDecoder.Decode(type, body));
                Assert.True(error is null or PduFormatException, $"{type}: {error}");
            }
        }
    }

    [Fact]
    public void Ae_titles_are_checked_on_encode()
    {
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(new AssociateRequestPdu { CalledAETitle = "THIS_IS_TOO_LONG_", CallingAETitle = "B", PresentationContexts = [] }));
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(new AssociateRequestPdu { CalledAETitle = "", CallingAETitle = "B", PresentationContexts = [] }));
    }
}
