using Cairn.Dicom.Network.Pdus;
using Cairn.Dicom.Network.Tests.Support;
using Cairn.Dicom.Network.Transport;

namespace Cairn.Dicom.Network.Tests.Transport;

/// <summary>
/// A message part fragmented into P-DATA-TF PDUs and read back: PDU boundaries at and around the peer's maximum,
/// empty parts and empty chunks, chunks given as a collection or produced one by one in a reused buffer, and reads
/// whose PDUs straddle the pipe's segments (copied or borrowed).
/// </summary>
public class PduConnectionTests
{
    private const byte ContextId = 3;

    public static TheoryData<int, uint> Sizes()
    {
        var data = new TheoryData<int, uint>();
        foreach (var maxPdu in new uint[] { 16384, 100, 0 })
        {
            var maxData = (int)(maxPdu == 0 ? 1 << 20 : maxPdu) - 6;
            foreach (var total in new[] { 0, 1, maxData - 1, maxData, maxData + 1, 2 * maxData, 100_000 })
            {
                data.Add(total, maxPdu);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_part_is_cut_into_full_fragments_and_one_last_whatever_its_chunks(int total, uint maxPdu)
    {
        var data = Data(total);
        var maxData = (int)(maxPdu == 0 ? 1 << 20 : maxPdu) - 6;
        var whole = await WriteAsync([data], maxPdu, isCommand: false);
        var pieces = await WriteAsync(Pieces(data).ToList(), maxPdu, isCommand: false);
        var produced = await WriteAsync(Produced(data), maxPdu, isCommand: false);
        Assert.Equal(whole, pieces);
        Assert.Equal(whole, produced);

        var fragments = await ReadAllAsync(whole, piece: 65536, borrow: false);
        var expectedCount = total == 0 ? 1 : (total + maxData - 1) / maxData;
        Assert.Equal(expectedCount, fragments.Count);
        for (var i = 0; i < fragments.Count; i++)
        {
            var (contextId, isCommand, isLast, bytes) = fragments[i];
            Assert.Equal(ContextId, contextId);
            Assert.False(isCommand);
            Assert.Equal(i == fragments.Count - 1, isLast);
            Assert.Equal(i < fragments.Count - 1 ? maxData : total - (maxData * i), bytes.Length);
        }

        Assert.Equal(data, fragments.SelectMany(f => f.Data).ToArray());
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(7, true)]
    [InlineData(5000, true)]
    [InlineData(65536, true)]
    public async Task Pdus_straddling_the_read_buffers_segments_arrive_whole_copied_or_borrowed(int piece, bool borrow)
    {
        // 200 KB in 16 KB PDUs: the pipe's 64 KB segments end inside PDUs.
        var data = Data(200_000);
        var bytes = await WriteAsync([data], 16384, isCommand: true);
        var fragments = await ReadAllAsync(bytes, piece, borrow);
        Assert.All(fragments, f => Assert.True(f.IsCommand));
        Assert.Equal([.. Enumerable.Repeat(false, fragments.Count - 1), true], fragments.Select(f => f.IsLast));
        Assert.Equal(data, fragments.SelectMany(f => f.Data).ToArray());
    }

    [Fact]
    public async Task Pdus_that_are_not_data_are_read_whole_between_borrowed_ones()
    {
        var first = await WriteAsync([Data(40_000)], 16384, isCommand: false);
        var bytes = first.Concat(PduEncoder.Encode(new ReleaseRequestPdu())).Concat(await WriteAsync([Data(10)], 16384, isCommand: false)).ToArray();
        await using var connection = new PduConnection(new TricklingStream(bytes, 4096)) { MaxReceiveLength = 0 };
        var types = new List<PduType>();
        while (await connection.ReadBorrowingAsync(CancellationToken.None) is { } pdu)
        {
            types.Add(pdu.Type);
        }

        Assert.Equal([PduType.DataTransfer, PduType.DataTransfer, PduType.DataTransfer, PduType.ReleaseRequest, PduType.DataTransfer], types);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_whole_message_is_its_command_part_then_its_data_part_whether_the_data_set_comes_as_chunks_or_from_a_stream(int total, uint maxPdu)
    {
        var command = Data(90);
        var data = Data(total);
        var parts = (await WriteAsync([command], maxPdu, isCommand: true)).Concat(await WriteAsync([data], maxPdu, isCommand: false)).ToArray();

        var chunks = new MemoryStream();
        var streamed = new MemoryStream();
        await using (var connection = new PduConnection(chunks))
        {
            await connection.WriteMessageAsync(ContextId, command, Produced(data), maxPdu, CancellationToken.None);
        }

        await using (var connection = new PduConnection(streamed))
        {
            // The stream is read from its position on, for exactly the length given, in reads that it may cut short.
            var source = new TricklingStream([0xEE, 0xEE, .. data, 0xEF], 5000);
            source.ReadExactly(new byte[2]);
            await connection.WriteMessageAsync(ContextId, command, source, total, maxPdu, CancellationToken.None);
            Assert.Equal(0xEF, source.ReadByte());
        }

        Assert.Equal(parts, chunks.ToArray());
        Assert.Equal(parts, streamed.ToArray());
    }

    [Fact]
    public async Task A_data_set_stream_shorter_than_announced_is_an_error_not_a_short_message()
    {
        await using var connection = new PduConnection(new MemoryStream());
        var error = await Assert.ThrowsAsync<EndOfStreamException>(async () =>
            await connection.WriteMessageAsync(ContextId, Data(90), new MemoryStream(Data(1000)), 1500, 16384, CancellationToken.None));
        Assert.Contains("500 bytes short of the 1500", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Data(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251))];

    /// <summary>Uneven chunks with empty ones among them.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Pieces(byte[] data)
    {
        int[] sizes = [1, 0, 7000, 0, 12345, 3];
        var at = 0;
        for (var i = 0; at < data.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], data.Length - at);
            yield return data.AsMemory(at, size);
            at += size;
        }

        yield return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>The same chunks, produced one at a time in one reused buffer, as the data set encoder does.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Produced(byte[] data)
    {
        var buffer = new byte[12345];
        foreach (var piece in Pieces(data))
        {
            piece.CopyTo(buffer);
            yield return buffer.AsMemory(0, piece.Length);
            Array.Fill(buffer, (byte)0xEE);
        }
    }

    private static async Task<byte[]> WriteAsync(IEnumerable<ReadOnlyMemory<byte>> chunks, uint maxPdu, bool isCommand)
    {
        var output = new MemoryStream();
        await using (var connection = new PduConnection(output))
        {
            await connection.WriteMessagePartAsync(ContextId, isCommand, chunks, maxPdu, CancellationToken.None);
        }

        return output.ToArray();
    }

    private static async Task<List<(byte ContextId, bool IsCommand, bool IsLast, byte[] Data)>> ReadAllAsync(byte[] bytes, int piece, bool borrow)
    {
        var fragments = new List<(byte, bool, bool, byte[])>();
        await using var connection = new PduConnection(new TricklingStream(bytes, piece)) { MaxReceiveLength = 0 };
        while (await (borrow ? connection.ReadBorrowingAsync(CancellationToken.None) : connection.ReadAsync(CancellationToken.None)) is { } pdu)
        {
            var pdv = Assert.Single(Assert.IsType<DataTransferPdu>(pdu).Values);
            // Copied before the next read, which may reuse borrowed memory.
            fragments.Add((pdv.PresentationContextId, pdv.IsCommand, pdv.IsLast, pdv.Data.ToArray()));
        }

        return fragments;
    }
}
