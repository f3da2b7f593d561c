using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>
/// A read-only view of a response stream that ends after <c>cap</c> bytes and remembers that
/// more were offered (<see cref="Exceeded"/>), so a compressed body cannot be endless either.
/// It can hand back bytes already read (<c>prefix</c>), which lets the reader peek at a
/// deflate body's first bytes to tell zlib framing from raw deflate.
/// </summary>
internal sealed class CappedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _cap;
    private byte[] _prefix = Array.Empty<byte>();
    private int _prefixAt;
    private readonly ReceivedBytes? _received;
    private long _read;

    /// <param name="received">Counts every byte that arrives from <paramref name="inner"/>, for telling how far a body got.</param>
    public CappedStream(Stream inner, long cap, ReceivedBytes? received = null)
    {
        _inner = inner;
        _cap = cap;
        _received = received;
    }

    /// <summary>True when the source had more than the cap to give.</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Puts bytes already read back in front of the rest.</summary>
    public void Unread(byte[] bytes, int count)
    {
        var copy = new byte[count];
        Array.Copy(bytes, copy, count);
        _prefix = copy;
        _prefixAt = 0;
        _read -= count;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_prefixAt < _prefix.Length)
        {
            var n = Math.Min(count, _prefix.Length - _prefixAt);
            Array.Copy(_prefix, _prefixAt, buffer, offset, n);
            _prefixAt += n;
            _read += n;
            return n;
        }

        // Ask for one byte more than the cap allows, to learn whether the source goes on.
        var allowed = (int)Math.Min(count, _cap + 1 - _read);
        if (allowed <= 0)
        {
            Exceeded = true;
            return 0;
        }

        var got = await _inner.ReadAsync(buffer, offset, allowed, cancellationToken).ConfigureAwait(false);
        _read += got;
        _received?.Add(got);
        if (_read > _cap)
        {
            Exceeded = true;
            return 0;
        }

        return got;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
