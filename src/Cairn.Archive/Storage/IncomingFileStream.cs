using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Archive.Storage;

/// <summary>
/// The sink a received object is written to: a temporary file in the storage's incoming folder, with its size and
/// SHA-256 taken on the way. A write error (a full disk) does not break the association: it is kept, the rest of the
/// object is discarded, and the C-STORE is answered with a failure once the data set has been read off the wire.
/// The first 64 KB of an object are also kept in memory as they are written, so that its header is parsed without
/// reading the file back: the whole of a small object, the header of most large ones.
/// </summary>
public sealed class IncomingFileStream : Stream
{
    // This much of an object is kept in memory too (below the large object heap's 85,000 bytes).
    private const int InMemoryLimit = 64 * 1024;

    // A bare handle written at offsets: a FileStream's strategy objects and checks are per object, for nothing here.
    private readonly SafeFileHandle? _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _disposed;
    // Not zeroed: only what was written is ever read; one array, never resized (a resize copies and allocates again).
    private readonly byte[] _content = GC.AllocateUninitializedArray<byte>(InMemoryLimit);
    private int _kept;

    internal IncomingFileStream(string path)
    {
        Path = path;
        try
        {
            _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        }
        catch (IOException e)
        {
            // No file could be made (no inode left on the disk): the object is read off the wire and answered
            // with a failure like any other write error, and the association goes on.
            Failure = e;
        }
    }

    /// <summary>The temporary file's full path.</summary>
    public string Path { get; }

    /// <summary>The first write error, if any; after it nothing more is written.</summary>
    public IOException? Failure { get; private set; }

    /// <summary>The whole object as written, when it was small enough to be kept in memory and had no write error.</summary>
    public ReadOnlyMemory<byte>? Content => _kept == Written ? Prefix : null;

    /// <summary>The object's first bytes as written (up to 64 KB), unless there was a write error.</summary>
    public ReadOnlyMemory<byte>? Prefix
    {
        get
        {
            // Not a conditional expression: its null would become an empty Memory through the array conversion.
            if (Failure is not null || _file is null)
            {
                return null;
            }

            return _content.AsMemory(0, _kept);
        }
    }

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    /// <summary>Flushes the file to the disk (fsync) when <paramref name="durable"/>, closes it, and returns its SHA-256.</summary>
    public string Complete(bool durable)
    {
        if (Failure is null && _file is not null)
        {
            try
            {
                if (durable)
                {
                    RandomAccess.FlushToDisk(_file);
                }
            }
            catch (IOException e)
            {
                Failure = e;
            }
        }

        _file?.Dispose();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure is not null || _file is null)
        {
            return;
        }

        try
        {
            RandomAccess.Write(_file, buffer, Written);
            _hash.AppendData(buffer);
            Keep(buffer);
            Written += buffer.Length;
        }
        catch (IOException e)
        {
            Failure = e;
        }
    }

    private void Keep(ReadOnlySpan<byte> buffer)
    {
        var room = InMemoryLimit - _kept;
        if (room <= 0)
        {
            return;
        }

        var taken = buffer[..Math.Min(room, buffer.Length)];
        taken.CopyTo(_content.AsSpan(_kept));
        _kept += taken.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // A write to the page cache takes microseconds; going through the thread pool for it would cost more than it saves.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _file?.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
