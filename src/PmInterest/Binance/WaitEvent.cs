using System;

namespace PmInterest.Binance;

/// <summary>
/// A wait about to start, told before it starts so that a long one is never silent. Told for
/// waits of at least <see cref="BinanceClientOptions.WaitNoticeThreshold"/>. The weight figures
/// are the governor's at that moment, against the limit in force (learned or configured).
/// </summary>
internal sealed class WaitEvent : ClientEvent
{
    public WaitEvent(string path, string description, WaitReason reason, TimeSpan duration, DateTime untilUtc, int usedWeight, int weightLimit, string? detail)
        : base(path, description)
    {
        Reason = reason;
        Duration = duration;
        UntilUtc = untilUtc;
        UsedWeight = usedWeight;
        WeightLimit = weightLimit;
        Detail = detail;
    }

    public WaitReason Reason { get; }

    /// <summary>How long the wait lasts (for <see cref="WaitReason.FirstAnswer"/>: at most).</summary>
    public TimeSpan Duration { get; }

    /// <summary>When the wait ends, in UTC by the server's clock as the client knows it.</summary>
    public DateTime UntilUtc { get; }

    /// <summary>Weight used in the current window, as far as the client knows (its own count or the server's, whichever is higher).</summary>
    public int UsedWeight { get; }

    /// <summary>The weight limit in force: the one learned from a 429 when lower than the configured one.</summary>
    public int WeightLimit { get; }

    /// <summary>More about the cause (no secrets), or null.</summary>
    public string? Detail { get; }
}
