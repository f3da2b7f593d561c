namespace PmInterest.Binance;

/// <summary>Why a request waits before it is signed and sent.</summary>
internal enum WaitReason
{
    /// <summary>The request would pass the weight limit in force; it waits for the next weight window.</summary>
    WeightLimit,

    /// <summary>The host answered 429; nothing is signed until its Retry-After (or the window's end) has passed.</summary>
    RetryAfter,

    /// <summary>A transient fault (5xx, timeout, dropped connection); the next attempt follows after a backoff.</summary>
    Backoff,

    /// <summary>
    /// Nothing was heard from the host within the last weight window, so one request goes
    /// alone and the others wait for its answer. The duration is the most it can last: the
    /// first request's timeout.
    /// </summary>
    FirstAnswer,
}
