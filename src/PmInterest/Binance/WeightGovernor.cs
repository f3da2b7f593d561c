using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>
/// Keeps every connection of this process to one host below Binance's request-weight limit of
/// one weight pool (<see cref="WeightPool"/>) and out of its bans. Binance counts weight per IP
/// in fixed windows (one minute, aligned to the server clock) and reports the window's total in
/// the pool's header (<c>X-SAPI-USED-IP-WEIGHT-1M</c>, <c>X-MBX-USED-WEIGHT-1M</c>).
/// <list type="bullet">
/// <item>Weight: each request's weight is reserved before it is signed; the server's figure, with
/// the weight of the client's other requests still in flight added (the figure may not count
/// them yet), is adopted when it is higher (other programs on the same IP count too); a request
/// that would pass the limit waits for the next window instead of letting Binance answer 429.
/// A figure that is unreadable or negative counts as a full window. Sums are taken in long, so
/// no figure can overflow them.</item>
/// <item>429 and 418: once either is answered, no request to the host is signed, in any
/// connection, until the wait (Retry-After, else the window's end) or the ban is over. The
/// check is made when the weight is reserved and again, under the same lock, when the
/// request's timestamp is taken just before signing (<see cref="TryStamp"/>).</item>
/// <item>First answer: when the host has not answered within the last weight window, one
/// request goes alone and the others wait for its answer, so an IP that is banned or whose
/// weight other programs have spent gets one refusal, not one per concurrent request. A
/// request that ends without an answer (timeout, dropped connection) lets the next one probe,
/// still one at a time. After a 429 or 418, too, one request goes alone when the wait is over,
/// and the others wait for its answer.</item>
/// <item>Learned limit: a 429 that carries the server's count shows the limit the server
/// really enforces (lower than the configured one, or other programs share the IP), and it
/// becomes the limit in force. It recovers: after every full weight window without a 429 from
/// the host it rises by a quarter (at least the weight of the request that met the 429), and
/// once it reaches the configured limit it is forgotten. A 429 in a window starts the count
/// again. A refusal without a count teaches nothing: guessing low could stall every window.</item>
/// </list>
/// Binance counts per IP, not per API key, so every connection of the process to the same host
/// shares one governor per pool (<see cref="For"/>); a ban (418) stops every pool of the host.
/// Each connection brings its own configured limit and its own measured server clock; times here
/// are server milliseconds.
/// </summary>
internal sealed class WeightGovernor
{
    private const long Never = long.MinValue;

    private static readonly ConcurrentDictionary<string, WeightGovernor> Shared = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, HostBan> Bans = new(StringComparer.OrdinalIgnoreCase);

    // Start counting a new window a little after the boundary, so a request sent on our
    // side of the boundary cannot land in the server's old window.
    private static readonly long BoundaryGuardMs = 100;

    private readonly object _gate = new();
    private readonly long _windowMs;
    private readonly long _tailMs;
    private long _windowIndex = long.MinValue;
    private int _used;
    private int _carried;
    private int _highestConfigured;
    private int _learnedLimit; // 0: none
    private int _learnedStep;
    private long _learnedMark; // the window of the last 429 or the last rise
    private long _blockedUntilMs;
    private readonly HostBan _ban;
    private long _lastAnswerMs = Never;
    private WeightTicket? _probe;
    private long _probeDeadlineMs;
    private TaskCompletionSource<bool> _probeEnded = NewSignal();
    private long _blockedSinceMs;
    private long _inFlight; // weight of granted requests not yet answered
    private long _fullWindow = long.MinValue; // a window the server's figure said (unreadably) was full
    private long _lastRefusalMs = Never; // when the last 429 or 418 was heard

    public WeightGovernor(TimeSpan window)
        : this(window, new HostBan())
    {
    }

    private WeightGovernor(TimeSpan window, HostBan ban)
    {
        _ban = ban;
        _windowMs = Math.Max(1, (long)window.TotalMilliseconds);

        // A request sent in the last moments of a window may reach the server in the next
        // one; its weight is then counted in both, so neither window can be overrun.
        _tailMs = Math.Min(1000, _windowMs / 4);
    }

    public TimeSpan Window => TimeSpan.FromMilliseconds(_windowMs);

    /// <summary>The governor of <paramref name="pool"/> for every connection of this process to <paramref name="baseUri"/>'s host.</summary>
    public static WeightGovernor For(Uri baseUri, string pool, TimeSpan window)
    {
        if (baseUri is null)
        {
            throw new ArgumentNullException(nameof(baseUri));
        }

        var host = HostKey(baseUri);
        var key = host + pool + "|" + window.Ticks.ToString(CultureInfo.InvariantCulture);
        return Shared.GetOrAdd(key, _ => new WeightGovernor(window, Bans.GetOrAdd(host, _ => new HostBan())));
    }

    /// <summary>
    /// Forgets what the process learned about <paramref name="baseUri"/>'s host (budget, bans).
    /// For tests only: a local stand-in started on a port that an earlier, banned stand-in used
    /// is a new host, though it has the same address.
    /// </summary>
    internal static void Forget(Uri baseUri)
    {
        var prefix = HostKey(baseUri);
        Bans.TryRemove(prefix, out _);
        foreach (var key in Shared.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                Shared.TryRemove(key, out _);
            }
        }
    }

    /// <summary>A snapshot of the budget as the connection with <paramref name="configuredLimit"/> sees it.</summary>
    public WeightStatus Status(ServerClock clock, int configuredLimit)
    {
        if (clock is null)
        {
            throw new ArgumentNullException(nameof(clock));
        }

        lock (_gate)
        {
            var now = clock.NowMs;
            NoteConfigured(configuredLimit);
            Roll(now);
            return new WeightStatus(
                configuredLimit,
                _learnedLimit != 0 && _learnedLimit < configuredLimit ? _learnedLimit : null,
                LimitInForce(configuredLimit),
                ShownUsed(LimitInForce(configuredLimit)),
                Window,
                Utc(NextWindowStart(now)),
                _blockedUntilMs > now ? Utc(_blockedUntilMs) : null,
                BannedUntilMs > now ? Utc(BannedUntilMs) : null,
                _lastAnswerMs != Never ? Utc(_lastAnswerMs) : null)
            {
                BlockedSinceUtc = _blockedUntilMs > now ? Utc(_blockedSinceMs) : null,
                BannedSinceUtc = BannedUntilMs > now ? Utc(Interlocked.Read(ref _ban.SinceMs)) : null,
            };
        }
    }

    /// <summary>
    /// Reserves <paramref name="weight"/> when the request may go now; otherwise says why and
    /// until when it must wait, or that the IP is banned.
    /// </summary>
    internal Admission Admit(int weight, int configuredLimit, ServerClock clock, TimeSpan firstAnswerTimeout)
    {
        lock (_gate)
        {
            var now = clock.NowMs;
            NoteConfigured(configuredLimit);
            Roll(now);
            var limit = LimitInForce(configuredLimit);
            var bannedUntil = BannedUntilMs;
            if (bannedUntil > now)
            {
                return Admission.BannedUntil(bannedUntil, Interlocked.Read(ref _ban.SinceMs), ShownUsed(limit), limit);
            }

            if (_blockedUntilMs > now)
            {
                return Admission.Refused(_blockedUntilMs, _blockedSinceMs, ShownUsed(limit), limit);
            }

            // After a refusal the next request goes alone, as to a host not heard from lately.
            var refused = _lastRefusalMs != Never;
            var heard = !refused && _lastAnswerMs != Never && now - _lastAnswerMs <= _windowMs;
            if (!heard && _probe is not null && now < _probeDeadlineMs)
            {
                return Admission.Wait(
                    WaitReason.FirstAnswer,
                    _probeDeadlineMs,
                    ShownUsed(limit),
                    limit,
                    _probeEnded.Task,
                    refused ? "the host refused the last request (HTTP 429 or 418): one request goes first, the others wait for its answer" : null);
            }

            if (_fullWindow == _windowIndex)
            {
                return Admission.Wait(WaitReason.WeightLimit, NextWindowStart(now), ShownUsed(limit), limit, null, "the host's used-weight figure is unreadable");
            }

            // An empty window always takes one request, so no limit can stall the walk.
            if (_used > 0 && (long)_used + weight > limit)
            {
                var why = _learnedLimit != 0 && _learnedLimit < configuredLimit ? "limit learned from a 429" : null;
                return Admission.Wait(WaitReason.WeightLimit, NextWindowStart(now), _used, limit, null, why);
            }

            _used = Sum(_used, weight);
            _inFlight += weight;
            var carried = NextWindowStart(now) - now <= _tailMs;
            if (carried)
            {
                _carried += weight;
            }

            var ticket = new WeightTicket(this, weight, _windowIndex, carried) { InFlight = true };
            if (!heard)
            {
                _probe = ticket;
                _probeDeadlineMs = now + (long)firstAnswerTimeout.TotalMilliseconds;
            }

            return Admission.Granted(ticket);
        }
    }

    /// <summary>
    /// Checks again, just before signing, that no 429 or 418 has been answered since the
    /// ticket was granted, and takes the request's timestamp under the same lock: a request
    /// stamped here was stamped before any refusal the client knows of. When a refusal has
    /// come in between, the reservation is given back and false returned.
    /// </summary>
    internal bool TryStamp(WeightTicket ticket, ServerClock clock, out long timestampMs)
    {
        lock (_gate)
        {
            timestampMs = clock.NowMs;
            if (BannedUntilMs <= timestampMs && _blockedUntilMs <= timestampMs)
            {
                ticket.StampedMs = timestampMs;
                return true;
            }

            GiveBack(ticket);
            return false;
        }
    }

    /// <summary>Takes in an HTTP answer's status line and headers, before its body is read.</summary>
    internal void Answered(WeightTicket ticket, ServerClock clock, int status, int? usedByServer, TimeSpan? retryAfter) =>
        Answered(ticket, clock, status, UsedWeight.Of(usedByServer), retryAfter);

    /// <summary>Takes in an HTTP answer's status line and headers, before its body is read.</summary>
    internal void Answered(WeightTicket ticket, ServerClock clock, int status, UsedWeight usedByServer, TimeSpan? retryAfter)
    {
        TaskCompletionSource<bool>? ended;
        lock (_gate)
        {
            var now = clock.NowMs;
            Roll(now);
            _lastAnswerMs = now;
            if (usedByServer.Unreadable)
            {
                _fullWindow = _windowIndex;
            }
            else if (usedByServer.Figure is int used)
            {
                // The figure may not yet count the other requests in flight: they are added.
                var others = _inFlight - (ticket.InFlight ? ticket.Weight : 0);
                var seen = Math.Min(int.MaxValue, (long)used + Math.Max(0, others));
                if (seen > _used)
                {
                    _used = (int)seen;
                }
            }

            if (status == 429)
            {
                Refused(now, ticket.Weight, usedByServer.Figure, retryAfter);
            }
            else if (status == 418)
            {
                ExtendBan(RateLimitAnswer.BanEndMs(now, null, retryAfter), now);
                _lastRefusalMs = now;
            }
            else if (_lastRefusalMs != Never && ticket.StampedMs > _lastRefusalMs)
            {
                // An answer to a request sent after the refusal was known: the others may follow.
                _lastRefusalMs = Never;
            }

            ended = Settle(ticket);
        }

        ended?.TrySetResult(true);
    }

    /// <summary>The request ended without an answer (or was never sent): the next request may be the first.</summary>
    internal void NoAnswer(WeightTicket ticket)
    {
        TaskCompletionSource<bool>? ended;
        lock (_gate)
        {
            ended = Settle(ticket);
        }

        ended?.TrySetResult(true);
    }

    /// <summary>After a 418: every connection to this host stops until the ban ends (server ms). Only ever extends a ban.</summary>
    internal void Ban(long untilMs, ServerClock clock)
    {
        lock (_gate)
        {
            var now = clock.NowMs;
            ExtendBan(untilMs, now);
            _lastRefusalMs = now;
        }
    }

    /// <summary>
    /// Forgets the 429 waits and 418 bans this process remembers of <paramref name="baseUri"/>'s
    /// host, or of every host when it is null (the user knows better). The next request to the
    /// host still goes alone, as after any refusal.
    /// </summary>
    internal static void ForgetRefusals(Uri? baseUri)
    {
        var host = baseUri is null ? null : HostKey(baseUri);
        foreach (var pair in Bans)
        {
            if (host is null || string.Equals(pair.Key, host, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Exchange(ref pair.Value.UntilMs, 0);
            }
        }

        foreach (var pair in Shared)
        {
            if (host is not null && !pair.Key.StartsWith(host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var governor = pair.Value;
            lock (governor._gate)
            {
                governor._blockedUntilMs = 0;
                if (governor._lastAnswerMs != Never)
                {
                    governor._lastRefusalMs = governor._lastAnswerMs;
                }
            }
        }
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static DateTime Utc(long serverMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, Math.Min(serverMs, 253402300799999))).UtcDateTime;

    private void Refused(long now, int weight, int? usedByServer, TimeSpan? retryAfter)
    {
        var until = retryAfter is TimeSpan wait ? now + (long)wait.TotalMilliseconds : NextWindowStart(now);
        if (_blockedUntilMs <= now)
        {
            _blockedSinceMs = now;
        }

        _blockedUntilMs = Math.Max(_blockedUntilMs, Math.Max(until, now + Math.Min(1000, _windowMs)));
        _lastRefusalMs = now;
        _learnedMark = _windowIndex;
        if (usedByServer is int used)
        {
            var enforced = Math.Max(weight, used);
            if (enforced < _highestConfigured && (_learnedLimit == 0 || enforced < _learnedLimit))
            {
                _learnedLimit = enforced;
                _learnedStep = weight;
            }
        }
    }

    private long BannedUntilMs => Interlocked.Read(ref _ban.UntilMs);

    private static string HostKey(Uri baseUri) => baseUri.Scheme + "://" + baseUri.Authority + "|";

    private void ExtendBan(long untilMs, long now)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _ban.UntilMs);
            if (untilMs <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _ban.UntilMs, untilMs, current) != current);
        if (current <= now)
        {
            Interlocked.Exchange(ref _ban.SinceMs, now);
        }
    }

    /// <summary>An IP ban of one host: every pool's governor there shares it.</summary>
    private sealed class HostBan
    {
#pragma warning disable SA1401, CA1051 // a field, for Interlocked
        public long UntilMs;
        public long SinceMs;
#pragma warning restore SA1401, CA1051
    }

    /// <summary>Marks the ticket done; returns the signal to complete (outside the lock) when it was the first request.</summary>
    private TaskCompletionSource<bool>? Settle(WeightTicket ticket)
    {
        if (ticket.Settled)
        {
            return null;
        }

        ticket.Settled = true;
        if (ticket.InFlight)
        {
            ticket.InFlight = false;
            _inFlight = Math.Max(0, _inFlight - ticket.Weight);
        }

        if (!ReferenceEquals(_probe, ticket))
        {
            return null;
        }

        _probe = null;
        var ended = _probeEnded;
        _probeEnded = NewSignal();
        return ended;
    }

    private void GiveBack(WeightTicket ticket)
    {
        if (ticket.WindowIndex == _windowIndex)
        {
            _used = Math.Max(0, _used - ticket.Weight);
            if (ticket.Carried)
            {
                _carried = Math.Max(0, _carried - ticket.Weight);
            }
        }
        else if (ticket.Carried && ticket.WindowIndex + 1 == _windowIndex)
        {
            _used = Math.Max(0, _used - ticket.Weight);
        }

        Settle(ticket)?.TrySetResult(true);
    }

    private void NoteConfigured(int configuredLimit)
    {
        if (configuredLimit > _highestConfigured)
        {
            _highestConfigured = configuredLimit;
        }

        if (_learnedLimit >= _highestConfigured)
        {
            _learnedLimit = 0;
        }
    }

    private static int Sum(int used, int weight) => (int)Math.Min(int.MaxValue, (long)used + weight);

    /// <summary>The weight used as told to the caller: the limit when the server's figure said the window is full.</summary>
    private int ShownUsed(int limit) => _fullWindow == _windowIndex ? Math.Max(_used, limit) : _used;

    private int LimitInForce(int configuredLimit) => _learnedLimit != 0 ? Math.Min(_learnedLimit, configuredLimit) : configuredLimit;

    private long NextWindowStart(long now) => ((IndexOf(now) + 1) * _windowMs) + BoundaryGuardMs;

    private long IndexOf(long now) => (now - BoundaryGuardMs) / _windowMs;

    private void Roll(long now)
    {
        var index = IndexOf(now);
        if (index == _windowIndex)
        {
            return;
        }

        _used = index == _windowIndex + 1 ? _carried : 0;
        _carried = 0;
        _windowIndex = index;
        Recover(index);
    }

    /// <summary>Raises a learned limit by a quarter for each full window since the last 429 or rise.</summary>
    private void Recover(long index)
    {
        var cleanWindows = index - 1 - _learnedMark;
        while (_learnedLimit != 0 && cleanWindows-- > 0)
        {
            var raised = (long)_learnedLimit + Math.Max((_learnedLimit + 3) / 4, Math.Max(1, _learnedStep));
            _learnedLimit = raised >= _highestConfigured ? 0 : (int)raised;
            _learnedMark = index - 1;
        }
    }
}
