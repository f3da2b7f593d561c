namespace PmInterest.Emulator;

/// <summary>
/// A response body that lets the first bytes through (flushed, so the client has the headers
/// and a part of the body) and then stalls until the client goes away: an answer cut short.
/// </summary>
internal sealed class CutBodyStream(Stream inner, int allowedBytes, CancellationToken aborted) : Stream
{
    private int written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int take = Math.Min(buffer.Length, allowedBytes - written);
        if (take > 0)
        {
            await inner.WriteAsync(buffer[..take], cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            written += take;
        }

        if (written >= allowedBytes)
        {
            await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
