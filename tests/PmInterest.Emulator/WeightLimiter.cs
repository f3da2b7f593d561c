namespace PmInterest.Emulator;

/// <summary>The weight budgets Binance keeps per IP: <c>/sapi</c> (IP weight), <c>/api</c> and <c>/papi</c>, each with its own limit.</summary>
internal enum WeightPool
{
    Sapi = 0,
    Api = 1,
    Papi = 2,
}

/// <summary>What the limiter decided for one request.</summary>
internal enum WeightOutcome
{
    Allowed = 0,
    TooMuchWeight = 1,
    Banned = 2,
}

internal readonly record struct WeightDecision(WeightOutcome Outcome, long Used, long RetryAfterSeconds, long BannedUntilMs, int Limit, TimeSpan Window);

/// <summary>
/// Fixed-window request weight per client IP, windows aligned to multiples of the window
/// length in server time, as Binance's X-*-USED-WEIGHT-1M headers count. A request that would
/// exceed the limit is refused with 429 and counts a violation; once more than
/// <see cref="EmulatorOptions.BanAfter"/> violations pile up in one window the IP is banned (418)
/// for <see cref="EmulatorOptions.BanDuration"/>, across windows and pools.
/// Besides each IP's own count, "other programs" may have spent SAPI weight in a window
/// (<see cref="SpendWeight"/>), counted for every IP, and a ban may cover every IP (<see cref="BanAll"/>).
/// One lock guards all state: contention is irrelevant at test loads, correctness is not.
/// </summary>
internal sealed class WeightLimiter(EmulatorOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IpState> states = new(StringComparer.Ordinal);
    private long everyIpBannedUntilMs;
    private long othersWindowStart = long.MinValue;
    private long othersUsed;

    /// <summary>Refuses everything from an IP while its ban lasts.</summary>
    internal WeightDecision CheckBan(string ip, long nowMs)
    {
        lock (gate)
        {
            IpState state = StateOf(ip);
            return BanEnd(state) > nowMs ? Banned(state, nowMs, CurrentUsed(state, WeightPool.Sapi, nowMs)) : Allowed(0);
        }
    }

    /// <summary>Adds <paramref name="weight"/> to the IP's current window unless that would go over the limit.</summary>
    internal WeightDecision Charge(string ip, WeightPool pool, int weight, long nowMs)
    {
        lock (gate)
        {
            IpState state = StateOf(ip);
            if (BanEnd(state) > nowMs)
            {
                return Banned(state, nowMs, CurrentUsed(state, pool, nowMs));
            }

            long windowMs = WindowMs();
            long windowStart = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
            PoolState counter = state.Pools[(int)pool];
            if (counter.WindowStart != windowStart)
            {
                counter.WindowStart = windowStart;
                counter.Used = 0;
                counter.Violations = 0;
            }

            long others = OthersUsed(pool, windowStart);
            int limit = options.LimitOf(pool);
            if (others + counter.Used + weight <= limit)
            {
                counter.Used += weight;
                return Allowed(others + counter.Used);
            }

            counter.Violations++;
            if (counter.Violations > options.BanAfter)
            {
                state.BannedUntilMs = nowMs + (long)options.BanDuration.TotalMilliseconds;
                return Banned(state, nowMs, others + counter.Used);
            }

            long retryAfter = Math.Max(1, CeilingSeconds(windowStart + windowMs - nowMs));
            return new WeightDecision(WeightOutcome.TooMuchWeight, others + counter.Used, retryAfter, 0, limit, options.WeightWindow);
        }
    }

    /// <summary>Weight used in the current window, summed over IPs (tests have one client IP).</summary>
    internal long CurrentUsed(WeightPool pool, long nowMs)
    {
        lock (gate)
        {
            long windowMs = WindowMs();
            long windowStart = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
            return OthersUsed(pool, windowStart) + states.Values.Sum(s => OwnUsed(s, pool, windowStart));
        }
    }

    /// <summary>Forgets all windows, violations, bans and weight spent by others.</summary>
    internal void Reset()
    {
        lock (gate)
        {
            states.Clear();
            everyIpBannedUntilMs = 0;
            othersWindowStart = long.MinValue;
            othersUsed = 0;
        }
    }

    /// <summary>Bans every IP, the ones not seen yet included, until <paramref name="untilMs"/> (server time).</summary>
    internal void BanAll(long untilMs)
    {
        lock (gate)
        {
            everyIpBannedUntilMs = Math.Max(everyIpBannedUntilMs, untilMs);
        }
    }

    /// <summary>Counts SAPI weight spent by "other programs" on the same IP in the window current at <paramref name="nowMs"/>.</summary>
    internal void SpendWeight(long weight, long nowMs)
    {
        lock (gate)
        {
            long windowMs = WindowMs();
            long windowStart = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
            if (othersWindowStart != windowStart)
            {
                othersWindowStart = windowStart;
                othersUsed = 0;
            }

            othersUsed += weight;
        }
    }

    private static long CeilingSeconds(long ms) => (ms + 999) / 1000;

    private long CurrentUsed(IpState state, WeightPool pool, long nowMs)
    {
        long windowMs = WindowMs();
        long windowStart = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
        return OthersUsed(pool, windowStart) + OwnUsed(state, pool, windowStart);
    }

    private static long OwnUsed(IpState state, WeightPool pool, long windowStart)
    {
        PoolState counter = state.Pools[(int)pool];
        return counter.WindowStart == windowStart ? counter.Used : 0;
    }

    private long OthersUsed(WeightPool pool, long windowStart) =>
        pool == WeightPool.Sapi && othersWindowStart == windowStart ? othersUsed : 0;

    private long BanEnd(IpState state) => Math.Max(state.BannedUntilMs, everyIpBannedUntilMs);

    private long WindowMs() => Math.Max(1, (long)options.WeightWindow.TotalMilliseconds);

    private WeightDecision Allowed(long used) => new(WeightOutcome.Allowed, used, 0, 0, 0, options.WeightWindow);

    private WeightDecision Banned(IpState state, long nowMs, long used) =>
        new(WeightOutcome.Banned, used, Math.Max(1, CeilingSeconds(BanEnd(state) - nowMs)), BanEnd(state), options.WeightLimit, options.WeightWindow);

    private IpState StateOf(string ip)
    {
        if (!states.TryGetValue(ip, out IpState? state))
        {
            state = new IpState();
            states.Add(ip, state);
        }

        return state;
    }

    private sealed class IpState
    {
        internal PoolState[] Pools { get; } = [new PoolState(), new PoolState(), new PoolState()];

        internal long BannedUntilMs { get; set; }
    }

    private sealed class PoolState
    {
        internal long WindowStart { get; set; } = long.MinValue;

        internal long Used { get; set; }

        internal int Violations { get; set; }
    }
}
