using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>
/// The governor's answer to "may this request go now?": a ticket, a wait (why, until when,
/// and a task that completes early when the awaited first answer arrives), or a ban.
/// </summary>
internal sealed class Admission
{
    private Admission(WeightTicket? ticket, bool banned, WaitReason reason, long untilMs, int usedWeight, int limitInForce, Task? wakeEarly, string? detail)
    {
        Ticket = ticket;
        Banned = banned;
        Reason = reason;
        UntilMs = untilMs;
        UsedWeight = usedWeight;
        LimitInForce = limitInForce;
        WakeEarly = wakeEarly;
        Detail = detail;
    }

    public WeightTicket? Ticket { get; }

    public bool Banned { get; }

    public WaitReason Reason { get; }

    /// <summary>Server ms at which the wait (or the ban) ends.</summary>
    public long UntilMs { get; }

    public int UsedWeight { get; }

    public int LimitInForce { get; }

    /// <summary>Completes when waiting may end before <see cref="UntilMs"/>; null when it cannot.</summary>
    public Task? WakeEarly { get; }

    public string? Detail { get; }

    /// <summary>For a ban or a 429 wait: when the refusal was answered (server ms).</summary>
    public long SinceMs { get; private set; }

    public static Admission Granted(WeightTicket ticket) => new(ticket, false, default, 0, 0, 0, null, null);

    public static Admission BannedUntil(long untilMs, long sinceMs, int used, int limit) => new(null, true, default, untilMs, used, limit, null, null) { SinceMs = sinceMs };

    /// <summary>A 429 is remembered: nothing is sent until <paramref name="untilMs"/>.</summary>
    public static Admission Refused(long untilMs, long sinceMs, int used, int limit) =>
        new(null, false, WaitReason.RetryAfter, untilMs, used, limit, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, "the host answered HTTP 429 at {0:HH:mm:ss}Z", ServerClock.ToUtc(sinceMs))) { SinceMs = sinceMs };

    public static Admission Wait(WaitReason reason, long untilMs, int used, int limit, Task? wakeEarly, string? detail) =>
        new(null, false, reason, untilMs, used, limit, wakeEarly, detail);
}
