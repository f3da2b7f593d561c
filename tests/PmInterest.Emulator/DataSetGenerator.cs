namespace PmInterest.Emulator;

/// <summary>
/// Builds the synthetic interest history from the options (believable daily data, or the
/// hourly stress book): each asset's history on the
/// accrual schedule (<see cref="AssetTimeline"/>, shaped by its <see cref="AssetProfile"/>), then
/// any overflow instants (<see cref="OverflowInstantGenerator"/>). Only integer and decimal
/// arithmetic is used (no Math.Log or Math.Exp), because floating-point library functions may
/// differ in the last bit between platforms and the data set must be byte-identical for a seed
/// everywhere.
/// </summary>
internal static class DataSetGenerator
{
    internal static List<EmulatorRecord> Generate(EmulatorOptions options, DateTimeOffset start, DateTimeOffset end)
    {
        if (!options.Stress && options.IntervalMinutes is not null)
        {
            throw new ArgumentException("IntervalMinutes sets the stress book's schedule; set Stress too (believable data accrues once a day).", nameof(options));
        }

        var schedule = options.Stress
            ? AccrualSchedule.Between(start, end, options.IntervalMinutes ?? EmulatorOptions.StressIntervalMinutes, stress: true)
            : AccrualSchedule.Between(start, end, AccrualSchedule.DailyMinutes, stress: false);
        var records = new List<EmulatorRecord>();
        if (schedule.Count == 0)
        {
            return records;
        }

        for (int i = 0; i < options.Assets.Count; i++)
        {
            AssetTimeline.AddTo(records, options.Assets[i], SplitMix64.ForStream(options.Seed, (ulong)i + 1), schedule);
        }

        OverflowInstantGenerator.AddTo(records, options, schedule);
        return records;
    }
}
