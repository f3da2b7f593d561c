using System;

namespace PmInterest.Binance;

/// <summary>What the process has learned about one host's weight budget, at one moment. No secrets.</summary>
internal sealed class WeightStatus
{
    internal WeightStatus(
        int configuredLimit,
        int? learnedLimit,
        int limitInForce,
        int usedWeight,
        TimeSpan weightWindow,
        DateTime windowResetsUtc,
        DateTime? blockedUntilUtc,
        DateTime? bannedUntilUtc,
        DateTime? lastAnswerUtc)
    {
        ConfiguredLimit = configuredLimit;
        LearnedLimit = learnedLimit;
        LimitInForce = limitInForce;
        UsedWeight = usedWeight;
        WeightWindow = weightWindow;
        WindowResetsUtc = windowResetsUtc;
        BlockedUntilUtc = blockedUntilUtc;
        BannedUntilUtc = bannedUntilUtc;
        LastAnswerUtc = lastAnswerUtc;
    }

    /// <summary>The connection's own limit (<see cref="BinanceClientOptions.WeightLimit"/>).</summary>
    public int ConfiguredLimit { get; }

    /// <summary>The limit learned from a 429, while it is lower than the configured one; null otherwise.</summary>
    public int? LearnedLimit { get; }

    /// <summary>The lower of the configured and the learned limit: what the client paces against.</summary>
    public int LimitInForce { get; }

    /// <summary>Weight used in the current window (the client's count or the server's, whichever is higher).</summary>
    public int UsedWeight { get; }

    public TimeSpan WeightWindow { get; }

    /// <summary>When the current weight window ends (UTC, server clock).</summary>
    public DateTime WindowResetsUtc { get; }

    /// <summary>Until when nothing is sent after a 429, or null.</summary>
    public DateTime? BlockedUntilUtc { get; }

    /// <summary>When the 429 that holds requests now was answered (UTC), or null.</summary>
    public DateTime? BlockedSinceUtc { get; internal set; }

    /// <summary>When the ban in force was answered (418, UTC), or null.</summary>
    public DateTime? BannedSinceUtc { get; internal set; }

    /// <summary>Until when the IP is banned (418), or null.</summary>
    public DateTime? BannedUntilUtc { get; }

    /// <summary>When the host last answered (any HTTP status), or null when it has not.</summary>
    public DateTime? LastAnswerUtc { get; }
}
