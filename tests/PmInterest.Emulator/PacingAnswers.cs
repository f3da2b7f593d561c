using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>What the pacing knobs of <see cref="EmulatorOptions"/> make of a request's weight decision, its used-weight header and its 429.</summary>
internal static class PacingAnswers
{
    /// <summary>The limiter's decision, or a refusal that charges nothing when <see cref="EmulatorOptions.AlwaysTooMuchWeight"/> is set.</summary>
    internal static WeightDecision Charge(EmulatorOptions options, WeightLimiter limiter, string ip, WeightPool pool, int weight, long nowMs)
    {
        if (!options.AlwaysTooMuchWeight)
        {
            return limiter.Charge(ip, pool, weight, nowMs);
        }

        WeightDecision ban = limiter.CheckBan(ip, nowMs);
        if (ban.Outcome == WeightOutcome.Banned)
        {
            return ban;
        }

        long windowMs = Math.Max(1, (long)options.WeightWindow.TotalMilliseconds);
        long into = ((nowMs % windowMs) + windowMs) % windowMs;
        return new WeightDecision(WeightOutcome.TooMuchWeight, limiter.CurrentUsed(pool, nowMs), Math.Max(1, (windowMs - into + 999) / 1000), 0, options.LimitOf(pool), options.WeightWindow);
    }

    /// <summary>The used-weight header's text: <see cref="EmulatorOptions.UsedWeightHeader"/> when set, else the count.</summary>
    internal static string UsedWeightText(EmulatorOptions options, long used) =>
        options.UsedWeightHeader ?? used.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 429's Retry-After text.</summary>
    internal static string RetryAfterText(EmulatorOptions options, long seconds) =>
        options.AbsurdRetryAfter ? EmulatorOptions.AbsurdRetryAfterText : options.TooMuchWeightRetryAfter ?? seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Binance's -1003 refusal, saying "current limit is 0" when <see cref="EmulatorOptions.LimitZeroInMessage"/> is set.</summary>
    internal static BinanceError TooMuchWeight(EmulatorOptions options, WeightDecision decision) =>
        BinanceError.TooMuchWeight(options.LimitZeroInMessage ? 0 : decision.Limit, decision.Window);
}
