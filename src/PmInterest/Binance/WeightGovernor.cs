using System;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>
/// Keeps the client below Binance's request-weight limit. Binance counts weight per IP in
/// fixed windows (one minute, aligned to the server clock) and reports the window's total
/// in <c>X-SAPI-USED-IP-WEIGHT-1M</c>. The governor reserves each request's weight before it
/// is sent, adopts the server's figure when it is higher (other programs on the same IP
/// count too), and when the next request would pass the limit it waits for the next window
/// instead of letting Binance answer 429, and after enough 429s, 418 (a ban).
/// </summary>
public sealed class WeightGovernor
{
    // Start counting a new window a little after the boundary, so a request sent on our
    // side of the boundary cannot land in the server's old window.
    private static readonly TimeSpan BoundaryGuard = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly ServerClock _clock;
    private readonly int _limit;
    private readonly long _windowMs;
    private long _windowIndex = long.MinValue;
    private int _used;
    private long _blockedUntilMs;

    public WeightGovernor(ServerClock clock, int limit, TimeSpan window)
    {
        _clock = clock;
        _limit = limit;
        _windowMs = (long)window.TotalMilliseconds;
    }

    /// <summary>The weight the client believes is used in the current window.</summary>
    public int Used
    {
        get
        {
            lock (_gate)
            {
                Roll(_clock.NowMs);
                return _used;
            }
        }
    }

    /// <summary>Waits until <paramref name="weight"/> fits in the budget, then reserves it.</summary>
    public async Task AcquireAsync(int weight, CancellationToken cancellationToken)
    {
        while (true)
        {
            long waitMs;
            lock (_gate)
            {
                var now = _clock.NowMs;
                Roll(now);
                if (_blockedUntilMs > now)
                {
                    waitMs = _blockedUntilMs - now;
                }
                else if (_used + weight <= _limit)
                {
                    _used += weight;
                    return;
                }
                else
                {
                    waitMs = NextWindowStart(now) - now;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, waitMs)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes in the server's count from a response header.</summary>
    public void Observe(int usedByServer)
    {
        lock (_gate)
        {
            Roll(_clock.NowMs);
            if (usedByServer > _used)
            {
                _used = usedByServer;
            }
        }
    }

    /// <summary>After a 429: nothing is sent until the given time.</summary>
    public void BlockUntil(long serverTimeMs)
    {
        lock (_gate)
        {
            if (serverTimeMs > _blockedUntilMs)
            {
                _blockedUntilMs = serverTimeMs;
            }
        }
    }

    private long NextWindowStart(long now) => ((IndexOf(now) + 1) * _windowMs) + (long)BoundaryGuard.TotalMilliseconds;

    private long IndexOf(long now) => (now - (long)BoundaryGuard.TotalMilliseconds) / _windowMs;

    private void Roll(long now)
    {
        var index = IndexOf(now);
        if (index != _windowIndex)
        {
            _windowIndex = index;
            _used = 0;
        }
    }
}
