using System;
using System.Collections.Concurrent;
using System.Globalization;
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
/// <para>
/// Binance counts weight per IP, not per API key, so every connection of this process to
/// the same host shares one governor (<see cref="For"/>): a runbook that walks several
/// accounts at once stays within one budget. Each connection still brings its own limit
/// and its own measured server clock.
/// </para>
/// </summary>
public sealed class WeightGovernor
{
    private static readonly ConcurrentDictionary<string, WeightGovernor> Shared = new(StringComparer.OrdinalIgnoreCase);

    // Start counting a new window a little after the boundary, so a request sent on our
    // side of the boundary cannot land in the server's old window.
    private static readonly TimeSpan BoundaryGuard = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly long _windowMs;
    private readonly long _tailMs;
    private long _windowIndex = long.MinValue;
    private int _used;
    private int _carried;
    private int _learnedLimit = int.MaxValue;
    private long _blockedUntilMs;
    private long _bannedUntilLocalMs;

    public WeightGovernor(TimeSpan window)
    {
        _windowMs = (long)window.TotalMilliseconds;

        // A request sent in the last moments of a window may reach the server in the next
        // one; its weight is then counted in both, so neither window can be overrun.
        _tailMs = Math.Min(1000, _windowMs / 4);
    }

    /// <summary>The governor of every connection of this process to <paramref name="baseUri"/>'s host.</summary>
    public static WeightGovernor For(Uri baseUri, TimeSpan window)
    {
        var key = baseUri.Scheme + "://" + baseUri.Authority + "|" + window.Ticks.ToString(CultureInfo.InvariantCulture);
        return Shared.GetOrAdd(key, _ => new WeightGovernor(window));
    }

    /// <summary>Waits until <paramref name="weight"/> fits under <paramref name="limit"/>, then reserves it.</summary>
    public async Task AcquireAsync(int weight, int limit, ServerClock clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            long waitMs;
            lock (_gate)
            {
                var now = clock.NowMs;
                Roll(now);
                if (_blockedUntilMs > now)
                {
                    waitMs = _blockedUntilMs - now;
                }
                else if (_used + weight <= Math.Min(limit, _learnedLimit))
                {
                    _used += weight;
                    if (NextWindowStart(now) - now <= _tailMs)
                    {
                        _carried += weight;
                    }

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
    public void Observe(int usedByServer, ServerClock clock)
    {
        lock (_gate)
        {
            Roll(clock.NowMs);
            if (usedByServer > _used)
            {
                _used = usedByServer;
            }

        }
    }

    /// <summary>When an IP ban (HTTP 418) ends, in local epoch ms; 0 when there is none.</summary>
    public long BannedUntilLocalMs => Interlocked.Read(ref _bannedUntilLocalMs);

    /// <summary>After a 418: every connection to this host stops sending until the ban ends.</summary>
    public void Ban(long untilLocalMs)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _bannedUntilLocalMs);
            if (current >= untilLocalMs)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _bannedUntilLocalMs, untilLocalMs, current) != current);
    }

    /// <summary>Server time (ms) at which the current window ends.</summary>
    public long WindowEndMs(ServerClock clock) => NextWindowStart(clock.NowMs);

    /// <summary>
    /// After a 429: nothing is sent until the given time. When the refusal carried the
    /// server's count, the limit it really enforces is no higher than that count (it is lower
    /// than the configured one, or other programs share the IP), so later windows stay below
    /// it. A refusal without a count teaches nothing: guessing low could stall every window.
    /// </summary>
    public void Refused(long blockUntilServerMs, int weight, int? usedByServer)
    {
        lock (_gate)
        {
            if (usedByServer is int used)
            {
                var enforced = Math.Max(weight, used);
                if (enforced < _learnedLimit)
                {
                    _learnedLimit = enforced;
                }
            }

            if (blockUntilServerMs > _blockedUntilMs)
            {
                _blockedUntilMs = blockUntilServerMs;
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
            _used = index == _windowIndex + 1 ? _carried : 0;
            _carried = 0;
            _windowIndex = index;
        }
    }
}
