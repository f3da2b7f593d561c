namespace PmInterest.Emulator;

/// <summary>
/// One asset's generated history along the schedule: stretches with a negative balance
/// (episodes, one record per instant) alternate with stretches without (gaps). The account has a
/// usual size for the asset's negative balance; each episode starts near it, drifts a little every
/// instant and now and then jumps (a repayment or new borrowing), always inside the asset's range.
/// The daily rate is the market's: it moves about once a day around the asset's base rate, in
/// gaps too, and stays inside Binance's usual range.
/// </summary>
internal sealed class AssetTimeline
{
    private readonly string asset;
    private readonly AssetProfile profile;
    private readonly SplitMix64 rng;
    private readonly AccrualSchedule schedule;
    private readonly long usualPrincipal;
    private readonly long baseRate;
    private long rate;
    private long principal;
    private int rateScale;

    private AssetTimeline(string asset, SplitMix64 rng, AccrualSchedule schedule)
    {
        this.asset = asset;
        this.rng = rng;
        this.schedule = schedule;
        profile = AssetProfile.For(asset);
        usualPrincipal = Amounts.LogUniform(rng, profile.MinUnits, profile.MaxUnits);
        baseRate = rng.NextInt64(profile.MinBaseRate, profile.MaxBaseRate + 1);
        rate = baseRate;
    }

    /// <summary>Appends the asset's records, oldest first, drawing everything from <paramref name="rng"/>.</summary>
    internal static void AddTo(List<EmulatorRecord> records, string asset, SplitMix64 rng, AccrualSchedule schedule) =>
        new AssetTimeline(asset, rng, schedule).Walk(records);

    private void Walk(List<EmulatorRecord> records)
    {
        // The range starts somewhere inside a stretch, negative as often as the asset usually is.
        bool negative = rng.NextInt64(0, 1000) < profile.ActivityPermille;
        long remaining = rng.NextInt64(1, StretchLength(negative) + 1);
        if (negative)
        {
            StartEpisode();
        }

        for (long index = 0; index < schedule.Count; index++)
        {
            MoveRate();
            if (remaining == 0)
            {
                negative = !negative;
                remaining = StretchLength(negative);
                if (negative)
                {
                    StartEpisode();
                }
            }

            if (negative)
            {
                records.Add(Amounts.Record(asset, schedule.TimeAt(index), principal, profile.PrincipalScale, rate, rateScale, schedule));
                MovePrincipal();
            }

            remaining--;
        }
    }

    /// <summary>
    /// Episodes last hours, days or weeks; gaps take the same shapes stretched so that the asset
    /// is negative for its share of the time (a gap can be months for a rarely borrowed asset).
    /// </summary>
    private long StretchLength(bool negative)
    {
        long hours = rng.NextInt64(0, 10) switch
        {
            < 4 => rng.NextInt64(2, 25),
            < 8 => rng.NextInt64(24, 169),
            _ => rng.NextInt64(168, 505),
        };
        if (!negative)
        {
            int activity = Math.Max(profile.ActivityPermille, 1);
            hours = hours * (1000 - activity) / activity;
        }

        return schedule.Instants(hours);
    }

    /// <summary>A new negative balance: 0.3 to 3 times the usual size; its rate shown with 8 decimals, or 7 one time in four.</summary>
    private void StartEpisode()
    {
        principal = Amounts.Scale(usualPrincipal, rng.NextInt64(30, 301), 100, profile.MinUnits, profile.MaxUnits);
        rateScale = rng.NextInt64(0, 4) == 0 ? 7 : 8;
    }

    /// <summary>
    /// Each instant the balance moves a little (stress book: up to 0.4 % an hour; daily data: up
    /// to 1 % a day); now and then (about once in 50 hours, or once in 10 days for daily data) a
    /// repayment takes 10 to 60 % off it or new borrowing adds 10 to 100 % (even in log terms, so
    /// no slide). Both draw the same numbers, so the stress book is what it always was.
    /// </summary>
    private void MovePrincipal()
    {
        long drift = schedule.Stress ? 400 : 1_000;
        (long numerator, long denominator) = !schedule.OncePer(rng, schedule.Stress ? 50 : 240)
            ? (rng.NextInt64(100_000 - drift, 100_000 + drift + 1), 100_000)
            : rng.NextInt64(0, 2) == 0 ? (rng.NextInt64(40, 91), 100) : (rng.NextInt64(110, 201), 100);
        principal = Amounts.Scale(principal, numerator, denominator, profile.MinUnits, profile.MaxUnits);
    }

    /// <summary>About once a day the rate moves by up to 5 %, pulled a fifth of the way back to the base rate.</summary>
    private void MoveRate()
    {
        if (schedule.OncePer(rng, 24))
        {
            long moved = rate + ((baseRate - rate) / 5) + (rate * rng.NextInt64(-5, 6) / 100);
            rate = Math.Clamp(moved, AssetProfile.MinRate, AssetProfile.MaxRate);
        }
    }
}
