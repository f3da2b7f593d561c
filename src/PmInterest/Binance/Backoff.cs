using System;

namespace PmInterest.Binance;

/// <summary>
/// Exponential backoff with "equal jitter": half the step is fixed, half random, so
/// retries from many runbooks spread out but still grow (200 ms, 400 ms, 800 ms ... as
/// Binance advises for 5xx).
/// </summary>
internal static class Backoff
{
    private static readonly Random Shared = new();

    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var step = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        double jitter;
        lock (Shared)
        {
            jitter = Shared.NextDouble();
        }

        return TimeSpan.FromMilliseconds((step / 2) + (jitter * step / 2));
    }
}
