namespace PmInterest.Emulator;

/// <summary>
/// Late publication (<see cref="EmulatorOptions.PublishDelay"/>): a record is published once the
/// server clock reaches its accrual time plus the delay. The one place that rule lives, for the
/// interest endpoint and for <c>/_emulator/records?published=true</c>.
/// </summary>
internal static class Publication
{
    /// <summary>
    /// The latest accrual time (epoch ms, inclusive) published at server time <paramref name="nowMs"/>;
    /// <see cref="long.MaxValue"/> when there is no delay, so that every record is served.
    /// </summary>
    internal static long LatestPublished(TimeSpan delay, long nowMs) =>
        delay <= TimeSpan.Zero ? long.MaxValue : nowMs - (long)delay.TotalMilliseconds;
}
