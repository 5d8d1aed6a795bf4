using System.Net.Sockets;

namespace Cairn.Dicom.Network.Transport;

/// <summary>
/// A connected socket in blocking mode as a stream whose asynchronous reads and writes are its blocking ones: they
/// complete before they return, on the caller's thread. For an association that has a thread of its own (<see
/// cref="Negotiation.AssociationOptions.BlockingSocket"/>): a response wakes that thread straight from the kernel,
/// where the socket engine would wake its epoll thread, which queues the continuation to a thread-pool worker that
/// it wakes in turn. A cancellation shuts the socket's direction down, which ends the blocked call; the association
/// is then aborted, as after any cancelled wait.
/// </summary>
internal sealed class BlockingSocketStream : Stream
{
    private readonly Socket _socket;
    private int _disposed;

    public BlockingSocketStream(Socket socket)
    {
        if (!socket.Blocking)
        {
            throw new ArgumentException("the socket is not in blocking mode", nameof(socket));
        }

        _socket = socket;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Receive(buffer);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Send(buffer)..];
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int read;
        using (Interrupt(SocketShutdown.Receive, cancellationToken))
        {
            read = Receive(buffer.Span);
        }

        // A shutdown for a cancellation reads as the end of the stream; it is the cancellation.
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using (Interrupt(SocketShutdown.Send, cancellationToken))
            {
                Write(buffer.Span);
            }
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Receive(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            return _socket.Receive(buffer, SocketFlags.None);
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot read from the connection: {e.Message}", e);
        }
    }

    private int Send(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            return _socket.Send(buffer, SocketFlags.None);
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot write to the connection: {e.Message}", e);
        }
    }

    private CancellationTokenRegistration Interrupt(SocketShutdown direction, CancellationToken cancellationToken) =>
        !cancellationToken.CanBeCanceled ? default
        : direction == SocketShutdown.Receive ? cancellationToken.UnsafeRegister(static socket => Shut((Socket)socket!, SocketShutdown.Receive), _socket)
        : cancellationToken.UnsafeRegister(static socket => Shut((Socket)socket!, SocketShutdown.Send), _socket);

    private static void Shut(Socket socket, SocketShutdown direction)
    {
        try
        {
            socket.Shutdown(direction);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed meanwhile: the blocked call has ended anyway.
        }
    }
}
