using System;
using System.Threading;

namespace PmInterest.Binance;

/// <summary>
/// The client's idea of Binance's clock: local UTC plus a measured offset. The offset is
/// only changed by a measurement against <c>/api/v3/time</c>, taken when Binance answers
/// -1021, so a drifting local clock is corrected without a huge recvWindow.
/// </summary>
internal sealed class ServerClock
{
    private long _offsetMs;
    private int _generation;

    /// <summary>Milliseconds to add to the local clock to get the server's.</summary>
    public long OffsetMs => Interlocked.Read(ref _offsetMs);

    /// <summary>Increases each time the offset is measured, so concurrent requests measure once.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public static long LocalNowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public long NowMs => LocalNowMs + OffsetMs;

    /// <summary>Server ms as a UTC time, cut to what a DateTime holds.</summary>
    public static DateTime ToUtc(long serverMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, Math.Min(serverMs, 253402300799999))).UtcDateTime;

    /// <summary>Records a measurement: the server time and the local times the request left and its answer came.</summary>
    public void Observe(long serverTimeMs, long sentLocalMs, long receivedLocalMs)
    {
        // The server read its clock somewhere in the round trip; the middle is the best guess.
        var midpoint = sentLocalMs + ((receivedLocalMs - sentLocalMs) / 2);
        Interlocked.Exchange(ref _offsetMs, serverTimeMs - midpoint);
        Interlocked.Increment(ref _generation);
    }
}
