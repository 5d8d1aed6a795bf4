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
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    public PduConnection(Stream stream)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 65536, minimumReadSize: 16384, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 65536, leaveOpen: true));
    }

    /// <summary>The largest P-DATA-TF this side accepts (its own maximum PDU length; 0 for none).</summary>
    public uint MaxReceiveLength { get; set; } = PduDecoder.MaxAssociationPduLength;

    /// <summary>The next PDU, or null when the peer closed the connection between PDUs.</summary>
    public async ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            Pdu? pdu;
            try
            {
                if (PduDecoder.TryDecode(ref buffer, MaxReceiveLength, out pdu))
                {
                    _reader.AdvanceTo(buffer.Start);
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
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends one part of a DIMSE message (its command set or its data set) as P-DATA-TF PDUs of one PDV each, none
    /// longer than <paramref name="peerMaxPduLength"/>; the last PDV carries the "last fragment" flag.
    /// </summary>
    public async ValueTask WriteMessagePartAsync(byte presentationContextId, bool isCommand, IEnumerable<ReadOnlyMemory<byte>> chunks, uint peerMaxPduLength, CancellationToken cancellationToken)
    {
        // A PDV item is 4 (length) + 1 (context) + 1 (control) bytes of header; no limit means 1 MiB fragments.
        var maxData = (int)Math.Min(peerMaxPduLength == 0 ? 1 << 20 : peerMaxPduLength, 1 << 24) - 6;
        if (maxData < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(peerMaxPduLength), "the peer's maximum PDU length leaves no room for data");
        }

        var pending = ArrayPool<byte>.Shared.Rent(maxData);
        var filled = 0;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                        await WriteFragmentAsync(presentationContextId, isCommand, false, pending.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                        filled = 0;
                    }

                    var take = Math.Min(maxData - filled, remaining.Length);
                    remaining.Span[..take].CopyTo(pending.AsSpan(filled));
                    filled += take;
                    remaining = remaining[take..];
                }
            }

            await WriteFragmentAsync(presentationContextId, isCommand, true, pending.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    private async ValueTask WriteFragmentAsync(byte presentationContextId, bool isCommand, bool isLast, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        PduEncoder.WriteHeader(_writer, PduType.DataTransfer, (uint)data.Length + 6);
        var header = _writer.GetSpan(6);
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length + 2);
        header[4] = presentationContextId;
        header[5] = (byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0));
        _writer.Advance(6);
        _writer.Write(data.Span);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
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
