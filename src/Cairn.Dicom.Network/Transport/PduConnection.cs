using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Cairn.Dicom.Network.Pdus;

namespace Cairn.Dicom.Network.Transport;

/// <summary>
/// PDUs over a byte stream (TCP or TLS), framed with System.IO.Pipelines: whole PDUs are taken off the read pipe as
/// they complete; writes are serialised so that two senders never interleave a PDU.
/// </summary>
public sealed class PduConnection : IAsyncDisposable
{
    /// <summary>How many bytes of whole PDUs gather in the pipe before they are written to the stream.</summary>
    public const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    // Bytes of whole PDUs written to the pipe and not yet flushed (guarded by _writeLock).
    private long _unflushed;

    // Where the read pipe is to be advanced to before the next read, when the last PDU read borrowed its memory.
    private SequencePosition? _borrowedUpTo;

    public PduConnection(Stream stream)
    {
        _stream = stream;
        // Read segments of 256 KB: a P-DATA-TF of 64 KB that straddles two segments is copied out of the pipe, and
        // with 64 KB segments nearly every one did.
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 16384, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 65536, leaveOpen: true));
    }

    /// <summary>The largest P-DATA-TF this side accepts (its own maximum PDU length; 0 for none).</summary>
    public uint MaxReceiveLength { get; set; } = PduDecoder.MaxAssociationPduLength;

    /// <summary>The next PDU, or null when the peer closed the connection between PDUs.</summary>
    public ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken) => ReadAsync(borrowData: false, cancellationToken);

    /// <summary>
    /// The next PDU, as <see cref="ReadAsync(CancellationToken)"/>; but a P-DATA-TF's data may be the connection's
    /// own receive buffer, which stays valid only until the next read from this connection (or its disposal). For a
    /// reader that copies each PDV's data before it reads on, as an association does.
    /// </summary>
    internal ValueTask<Pdu?> ReadBorrowingAsync(CancellationToken cancellationToken) => ReadAsync(borrowData: true, cancellationToken);

    private async ValueTask<Pdu?> ReadAsync(bool borrowData, CancellationToken cancellationToken)
    {
        if (_borrowedUpTo is { } consumed)
        {
            // The last PDU's memory is given back only now: its reader has done with it.
            _borrowedUpTo = null;
            _reader.AdvanceTo(consumed);
        }

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            Pdu? pdu;
            try
            {
                if (PduDecoder.TryDecode(ref buffer, MaxReceiveLength, borrowData, out pdu))
                {
                    if (borrowData && pdu is DataTransferPdu)
                    {
                        _borrowedUpTo = buffer.Start;
                    }
                    else
                    {
                        _reader.AdvanceTo(buffer.Start);
                    }

                    return pdu;
                }
            }
            catch (PduFormatException)
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? null : throw new PduFormatException($"the connection closed inside a PDU ({buffer.Length} bytes of it received)", AbortReason.NotSpecified);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask WriteAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PduEncoder.Encode(pdu, _writer);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _unflushed = 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends one part of a DIMSE message (its command set or its data set) as P-DATA-TF PDUs of one PDV each, none
    /// longer than <paramref name="peerMaxPduLength"/>; the last PDV carries the "last fragment" flag. The PDUs go out
    /// in writes of about <see cref="FlushThreshold"/> bytes, not one write each, and all of them before this returns.
    /// </summary>
    public async ValueTask WriteMessagePartAsync(byte presentationContextId, bool isCommand, IEnumerable<ReadOnlyMemory<byte>> chunks, uint peerMaxPduLength, CancellationToken cancellationToken)
    {
        var maxData = MaxFragmentData(peerMaxPduLength);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteChunksAsync(presentationContextId, isCommand, chunks, maxData, cancellationToken).ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _unflushed = 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends a whole DIMSE message, its command set and then its data set (if any), as <see
    /// cref="WriteMessagePartAsync"/> sends each part; the two share writes, so that a small message is one write
    /// (the peer reads command and data set in one go), and no other message can come between them.
    /// </summary>
    public async ValueTask WriteMessageAsync(byte presentationContextId, ReadOnlyMemory<byte> command, IEnumerable<ReadOnlyMemory<byte>>? datasetChunks, uint peerMaxPduLength, CancellationToken cancellationToken)
    {
        var maxData = MaxFragmentData(peerMaxPduLength);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteCollectionAsync(presentationContextId, isCommand: true, [command], maxData, cancellationToken).ConfigureAwait(false);
            if (datasetChunks is not null)
            {
                await WriteChunksAsync(presentationContextId, isCommand: false, datasetChunks, maxData, cancellationToken).ConfigureAwait(false);
            }

            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _unflushed = 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends a whole DIMSE message whose data set is the next <paramref name="datasetLength"/> bytes of <paramref
    /// name="dataset"/>, read straight into the send buffer fragment by fragment (no copy of the object in memory:
    /// a stored file goes from the page cache to the socket). The stream is read synchronously, as a file in the
    /// page cache is read quicker than an asynchronous read hands over; it must hold that many bytes, or the
    /// connection is left inside a PDU and has to be aborted.
    /// </summary>
    public async ValueTask WriteMessageAsync(byte presentationContextId, ReadOnlyMemory<byte> command, Stream dataset, long datasetLength, uint peerMaxPduLength, CancellationToken cancellationToken)
    {
        var maxData = MaxFragmentData(peerMaxPduLength);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteCollectionAsync(presentationContextId, isCommand: true, [command], maxData, cancellationToken).ConfigureAwait(false);
            await WriteStreamAsync(presentationContextId, dataset, datasetLength, maxData, cancellationToken).ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _unflushed = 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // A PDV item is 4 (length) + 1 (context) + 1 (control) bytes of header; no limit means 1 MiB fragments.
    private static int MaxFragmentData(uint peerMaxPduLength)
    {
        var maxData = (int)Math.Min(peerMaxPduLength == 0 ? 1 << 20 : peerMaxPduLength, 1 << 24) - 6;
        return maxData >= 1 ? maxData : throw new ArgumentOutOfRangeException(nameof(peerMaxPduLength), "the peer's maximum PDU length leaves no room for data");
    }

    private ValueTask WriteChunksAsync(byte presentationContextId, bool isCommand, IEnumerable<ReadOnlyMemory<byte>> chunks, int maxData, CancellationToken cancellationToken) =>
        chunks is IReadOnlyCollection<ReadOnlyMemory<byte>> collection
            ? WriteCollectionAsync(presentationContextId, isCommand, collection, maxData, cancellationToken)
            : WriteEnumerationAsync(presentationContextId, isCommand, chunks, maxData, cancellationToken);

    /// <summary>Data of a known length from a stream: each fragment's bytes are read into the pipe's own memory.</summary>
    private async ValueTask WriteStreamAsync(byte presentationContextId, Stream source, long length, int maxData, CancellationToken cancellationToken)
    {
        var remaining = length;
        do
        {
            var fragment = (int)Math.Min(maxData, remaining);
            remaining -= fragment;
            WriteFragmentHeader(presentationContextId, isCommand: false, remaining == 0, fragment);
            while (fragment > 0)
            {
                var span = _writer.GetSpan(Math.Min(fragment, 16 * 1024));
                var read = source.Read(span[..Math.Min(fragment, span.Length)]);
                if (read == 0)
                {
                    throw new EndOfStreamException($"the data set ended {remaining + fragment} bytes short of the {length} announced");
                }

                _writer.Advance(read);
                fragment -= read;
            }

            await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        while (remaining > 0);
    }

    /// <summary>
    /// Chunks that are all there (an array, a list: memory the caller holds until this returns) have a known total
    /// length, so each fragment's length and "last" flag are known before its data: the data is copied once, from the
    /// chunks into the pipe.
    /// </summary>
    private async ValueTask WriteCollectionAsync(byte presentationContextId, bool isCommand, IReadOnlyCollection<ReadOnlyMemory<byte>> chunks, int maxData, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var chunk in chunks)
        {
            total += chunk.Length;
        }

        using var enumerator = chunks.GetEnumerator();
        var current = ReadOnlyMemory<byte>.Empty;
        var remaining = total;
        do
        {
            var length = (int)Math.Min(maxData, remaining);
            remaining -= length;
            WriteFragmentHeader(presentationContextId, isCommand, remaining == 0, length);
            while (length > 0)
            {
                while (current.IsEmpty)
                {
                    if (!enumerator.MoveNext())
                    {
                        throw new InvalidOperationException("the chunks changed while they were being sent");
                    }

                    current = enumerator.Current;
                }

                var take = Math.Min(length, current.Length);
                _writer.Write(current.Span[..take]);
                current = current[take..];
                length -= take;
            }

            await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        while (remaining > 0);
    }

    /// <summary>
    /// Chunks produced one at a time may reuse their memory (the data set encoder does): each is copied as it comes
    /// into a fragment-sized buffer, which is written once it is known whether more data follows.
    /// </summary>
    private async ValueTask WriteEnumerationAsync(byte presentationContextId, bool isCommand, IEnumerable<ReadOnlyMemory<byte>> chunks, int maxData, CancellationToken cancellationToken)
    {
        var pending = ArrayPool<byte>.Shared.Rent(maxData);
        var filled = 0;
        try
        {
            foreach (var chunk in chunks)
            {
                var remaining = chunk;
                while (!remaining.IsEmpty)
                {
                    if (filled == maxData)
                    {
                        // Only now is it known that more follows: the full fragment is not the last one.
                        WriteFragmentHeader(presentationContextId, isCommand, false, filled);
                        _writer.Write(pending.AsSpan(0, filled));
                        filled = 0;
                        await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var take = Math.Min(maxData - filled, remaining.Length);
                    remaining.Span[..take].CopyTo(pending.AsSpan(filled));
                    filled += take;
                    remaining = remaining[take..];
                }
            }

            WriteFragmentHeader(presentationContextId, isCommand, true, filled);
            _writer.Write(pending.AsSpan(0, filled));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    /// <summary>The P-DATA-TF header and its one PDV's header; <paramref name="length"/> bytes of data must follow.</summary>
    private void WriteFragmentHeader(byte presentationContextId, bool isCommand, bool isLast, int length)
    {
        PduEncoder.WriteHeader(_writer, PduType.DataTransfer, (uint)length + 6);
        var header = _writer.GetSpan(6);
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)length + 2);
        header[4] = presentationContextId;
        header[5] = (byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0));
        _writer.Advance(6);
        _unflushed += length + 12;
    }

    /// <summary>
    /// Whole PDUs are sent once about <see cref="FlushThreshold"/> bytes have gathered, not with one write (and one
    /// await) each: at the default 16 KB PDU length a 0.5 MB image would be 33 writes.
    /// </summary>
    private async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_unflushed >= FlushThreshold)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _unflushed = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer is gone; nothing left to flush to.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}
