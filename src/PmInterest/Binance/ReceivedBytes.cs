using System.Threading;

namespace PmInterest.Binance;

/// <summary>The bytes of a body that have arrived so far, so that an attempt cut short can say how far it got.</summary>
internal sealed class ReceivedBytes
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(int bytes) => Interlocked.Add(ref _count, bytes);
}
