using static PmInterest.Emulator.Tests.GeneratedData;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// A year of the default data looks like what Binance sends a Portfolio Margin Pro account, for
/// several seeds: one accrual per borrowed asset a day at 00:00 UTC, interest = principal x
/// daily rate (a finance user can check any row against Binance's example), principals and rates
/// in plausible ranges that move a little from day to day, stretches without a negative balance,
/// and totals a treasurer would believe.
/// </summary>
public class BelievableDataTests
{
    public static readonly TheoryData<int> Seeds = [1, 2, 3, 11, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_borrowed_asset_accrues_once_a_day_at_midnight_utc_all_assets_of_a_day_at_one_instant(int seed)
    {
        List<EmulatorRecord> year = Year(seed);
        Assert.All(year, r => Assert.Equal(0, r.InterestAccruedTime % Day));
        Assert.Equal(year.Count, year.DistinctBy(r => (r.Asset, r.InterestAccruedTime)).Count());

        // A day's records share one instant: 1 to 4 assets on most days, as a margin book has them.
        int[] perDay = [.. year.GroupBy(r => r.InterestAccruedTime).Select(g => g.Count())];
        Assert.True(perDay.Count(n => n <= 4) > perDay.Length * 80 / 100, "mostly 1 to 4 assets a day");
        Assert.InRange(perDay.Length, 200, 366);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_rows_interest_is_its_principal_times_its_daily_rate(int seed)
    {
        Assert.All(Year(seed), r =>
        {
            decimal expected = Number(r.Principal) * Number(r.InterestRate);
            decimal interest = Number(r.Interest);

            // Rounded to the asset's scale only: never a 24th of it, never off by more than half a unit.
            Assert.True(Math.Abs(interest - expected) * 2 <= Unit(Scale(r.Interest)), $"{r}: {interest} against {expected}");
            Assert.Equal(Scale(r.Principal), Scale(r.Interest));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Principals_stay_in_each_assets_range_and_move_a_little_from_day_to_day(int seed)
    {
        List<EmulatorRecord> year = Year(seed);
        Assert.All(year, r => Assert.InRange(Number(r.Principal), PlausibleRanges[r.Asset].Min, PlausibleRanges[r.Asset].Max));
        List<(decimal Before, decimal After)> steps = [.. DailySteps(year).Select(s => (Number(s.Before.Principal), Number(s.After.Principal)))];
        Assert.True(steps.Count > 100);
        int small = steps.Count(s => Math.Abs(s.After - s.Before) <= s.Before * 0.011m);
        Assert.True(small > steps.Count * 8 / 10, $"{small} of {steps.Count} daily moves within 1.1 %");
        Assert.All(steps, s => Assert.InRange(s.After / s.Before, 0.39m, 2.51m));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Daily_rates_stay_in_binances_usual_range_and_move_little(int seed)
    {
        List<EmulatorRecord> year = Year(seed);
        Assert.All(year, r => Assert.InRange(Number(r.InterestRate), 0.00002m, 0.0006m));
        Assert.All(DailySteps(year), s =>
        {
            decimal before = Number(s.Before.InterestRate);
            Assert.InRange(Number(s.After.InterestRate), before * 0.85m, before * 1.15m);
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Assets_have_days_and_weeks_without_a_negative_balance(int seed)
    {
        List<long> gapDays = [];
        foreach (IGrouping<string, EmulatorRecord> asset in Year(seed).GroupBy(r => r.Asset, StringComparer.Ordinal))
        {
            long[] times = [.. asset.Select(r => r.InterestAccruedTime).Order()];
            gapDays.AddRange(times.Zip(times.Skip(1), (a, b) => ((b - a) / Day) - 1).Where(d => d > 0));
        }

        Assert.Contains(gapDays, d => d < 7);
        Assert.Contains(gapDays, d => d >= 7);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_years_totals_look_like_a_real_book(int seed)
    {
        foreach (IGrouping<string, EmulatorRecord> asset in Year(seed).GroupBy(r => r.Asset, StringComparer.Ordinal))
        {
            decimal interest = asset.Sum(r => Number(r.Interest));
            decimal principalDays = asset.Sum(r => Number(r.Principal));

            // What the interest cost a year, as a rate on the average balance: 0.7 % to 22 %.
            Assert.InRange(interest / principalDays * 365m, 0.007m, 0.22m);
            Assert.True(interest <= PlausibleRanges[asset.Key].Max * 0.0006m * 366m, $"{asset.Key}: {interest} in a year");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_gives_the_same_data_every_time_and_another_seed_other_data(int seed)
    {
        var options = new EmulatorOptions { Seed = seed, Start = YearStart, Days = 365 };
        List<EmulatorRecord> first = Generate(options);
        Assert.Equal(first, Generate(options));
        Assert.NotEqual(first, Generate(new EmulatorOptions { Seed = seed + 1, Start = YearStart, Days = 365 }));
    }

    private static decimal Unit(int scale)
    {
        decimal unit = 1m;
        for (int i = 0; i < scale; i++)
        {
            unit /= 10m;
        }

        return unit;
    }

    /// <summary>Pairs of one asset's records a day apart: the moves inside an episode.</summary>
    private static IEnumerable<(EmulatorRecord Before, EmulatorRecord After)> DailySteps(List<EmulatorRecord> records) =>
        records.GroupBy(r => r.Asset, StringComparer.Ordinal).SelectMany(asset =>
        {
            EmulatorRecord[] ordered = [.. asset.OrderBy(r => r.InterestAccruedTime)];
            return ordered.Zip(ordered.Skip(1)).Where(p => p.Second.InterestAccruedTime - p.First.InterestAccruedTime == Day);
        });
}
