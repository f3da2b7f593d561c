using System;
using System.IO;
using PmInterest.Ledger;

namespace PmInterest.Tests.Ledger;

/// <summary>
/// A ledger file on a disk that fills up after <c>room</c> bytes: as a buffered file on a full
/// disk does, it takes the write that does not fit and fails when that is flushed, and again
/// when it is closed, because the bytes are still waiting. What reaches the file is what fitted.
/// </summary>
internal sealed class FullDiskStream : Stream
{
    public const string Reason = "No space left on device";

    private readonly Stream _inner;
    private long _room;
    private long _waiting;

    public FullDiskStream(Stream inner, long room)
    {
        _inner = inner;
        _room = room;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    /// <summary>Makes every ledger opened at <paramref name="path"/> live on such a disk until the result is disposed.</summary>
    public static IDisposable At(string path, long room) => new Interception(path, stream => new FullDiskStream(stream, room));

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count)
    {
        var fits = (int)Math.Min(count, _room);
        _inner.Write(buffer, offset, fits);
        _room -= fits;
        _waiting += count - fits;
    }

    public override void Flush()
    {
        if (_waiting > 0)
        {
            throw new IOException(Reason);
        }

        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            if (_waiting > 0)
            {
                throw new IOException(Reason);
            }
        }

        base.Dispose(disposing);
    }
}

/// <summary>Registers a <see cref="LedgerFileAccess.Interceptors"/> entry for one path and removes it again.</summary>
internal sealed class Interception : IDisposable
{
    private readonly string _path;

    public Interception(string path, Func<FileStream, Stream> intercept)
    {
        _path = path;
        LedgerFileAccess.Interceptors[path] = intercept;
    }

    public void Dispose() => LedgerFileAccess.Interceptors.TryRemove(_path, out _);
}
