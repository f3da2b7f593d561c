namespace PmInterest.Emulator;

/// <summary>
/// The instants of a generated data set: <see cref="Count"/> instants <see cref="IntervalMinutes"/>
/// apart from <see cref="FirstMs"/>, all multiples of the interval since the epoch. Believable
/// data is daily (00:00 UTC, interest = principal x daily rate); <see cref="Stress"/> data is the
/// hourly (or any interval) book that accrues principal x rate x interval / 1 day.
/// </summary>
internal readonly record struct AccrualSchedule(long FirstMs, long Count, int IntervalMinutes, bool Stress = false)
{
    /// <summary>Believable data accrues once a day, at 00:00 UTC, as Binance charges this interest.</summary>
    internal const int DailyMinutes = 1440;

    internal long IntervalMs => IntervalMinutes * 60_000L;

    /// <summary>The instants of [start, end] that lie on the schedule; none when the range holds none.</summary>
    internal static AccrualSchedule Between(DateTimeOffset start, DateTimeOffset end, int intervalMinutes, bool stress = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMinutes, 1);
        long intervalMs = intervalMinutes * 60_000L;
        long first = CeilingToMultiple(start.ToUnixTimeMilliseconds(), intervalMs);
        long last = FloorToMultiple(end.ToUnixTimeMilliseconds(), intervalMs);
        return new AccrualSchedule(first, last < first ? 0 : ((last - first) / intervalMs) + 1, intervalMinutes, stress);
    }

    /// <summary>Epoch ms of the instant at <paramref name="index"/>.</summary>
    internal long TimeAt(long index) => FirstMs + (index * IntervalMs);

    /// <summary>
    /// A span given in hours as a number of instants (at least one), so that shapes drawn in
    /// hours (episodes, gaps, "a few hours away") do not depend on the interval.
    /// </summary>
    internal long Instants(long hours) => Math.Max(1, hours * 60 / IntervalMinutes);

    /// <summary>
    /// True with the chance of an event that happens once per <paramref name="hours"/> hours on
    /// average, for one instant of this schedule.
    /// </summary>
    internal bool OncePer(SplitMix64 rng, long hours) => rng.NextInt64(0, hours * 60) < IntervalMinutes;

    private static long CeilingToMultiple(long value, long step) => FloorToMultiple(value + step - 1, step);

    private static long FloorToMultiple(long value, long step) => value - (((value % step) + step) % step);
}
