using static PmInterest.Emulator.Tests.GeneratedData;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// A year of the hourly stress book (Stress) still looks like a Portfolio Margin Pro book, for
/// several seeds: principals in a plausible range per asset, rates in Binance's usual range, gaps,
/// and totals a treasurer would believe; only the schedule (hourly, ties) is not Binance's.
/// </summary>
public class StressBookTests
{
    public static readonly TheoryData<int> Seeds = [1, 2, 3, 11, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Principals_stay_in_each_assets_range_over_a_year(int seed)
    {
        List<EmulatorRecord> year = StressYear(seed);
        Assert.Equal(PlausibleRanges.Keys.Order(StringComparer.Ordinal), year.Select(r => r.Asset).Distinct().Order(StringComparer.Ordinal));
        Assert.All(year, r => Assert.InRange(Number(r.Principal), PlausibleRanges[r.Asset].Min, PlausibleRanges[r.Asset].Max));

        // Balances turn back at the edges of their range instead of sitting on them.
        Assert.True(year.Count(r => Number(r.Principal) == PlausibleRanges[r.Asset].Max || Number(r.Principal) == PlausibleRanges[r.Asset].Min) < 10);
    }

    [Fact]
    public void An_asset_without_a_profile_gets_a_modest_default_range()
    {
        List<EmulatorRecord> records = Generate(new EmulatorOptions { Seed = 4, Start = YearStart, Days = 365, Assets = ["DOGE", "PEPE"], Stress = true });
        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.InRange(Number(r.Principal), 1m, 100_000m);
            Assert.Equal(8, Scale(r.Principal));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Balances_drift_a_little_each_hour_and_sometimes_jump(int seed)
    {
        List<(decimal Before, decimal After)> steps = [.. HourlySteps(StressYear(seed)).Select(s => (Number(s.Before.Principal), Number(s.After.Principal)))];
        Assert.True(steps.Count > 5000);
        int small = steps.Count(s => Math.Abs(s.After - s.Before) <= s.Before * 0.005m);
        int jumps = steps.Count(s => Math.Abs(s.After - s.Before) > s.Before * 0.05m);
        Assert.True(small > steps.Count * 9 / 10, $"{small} of {steps.Count} hourly moves within 0.5 %");
        Assert.InRange(jumps, steps.Count / 200, steps.Count / 20);
        Assert.All(steps, s => Assert.InRange(s.After / s.Before, 0.39m, 2.51m));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Daily_rates_stay_in_binances_usual_range_and_move_little(int seed)
    {
        List<EmulatorRecord> year = StressYear(seed);
        Assert.All(year, r => Assert.InRange(Number(r.InterestRate), 0.00002m, 0.0006m));
        foreach (IGrouping<string, EmulatorRecord> asset in year.GroupBy(r => r.Asset, StringComparer.Ordinal))
        {
            decimal[] rates = [.. asset.Select(r => Number(r.InterestRate))];
            Assert.True(rates.Max() <= rates.Min() * 2, $"{asset.Key}: rates from {rates.Min()} to {rates.Max()} in a year");
        }

        Assert.All(HourlySteps(year), s =>
        {
            decimal before = Number(s.Before.InterestRate);
            Assert.InRange(Number(s.After.InterestRate), before * 0.85m, before * 1.15m);
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Assets_have_hours_days_and_weeks_without_a_negative_balance(int seed)
    {
        List<EmulatorRecord> year = StressYear(seed);
        List<long> gapHours = [];
        foreach (IGrouping<string, EmulatorRecord> asset in year.GroupBy(r => r.Asset, StringComparer.Ordinal))
        {
            long[] times = [.. asset.Select(r => r.InterestAccruedTime).Order()];
            gapHours.AddRange(times.Zip(times.Skip(1), (a, b) => ((b - a) / Hour) - 1).Where(h => h > 0));
        }

        Assert.Contains(gapHours, h => h < 24);
        Assert.Contains(gapHours, h => h is >= 24 and < 168);
        Assert.Contains(gapHours, h => h >= 168);

        // Most hours some assets are negative, typically one to four of them; some hours none is.
        const int hours = (365 * 24) + 1;
        int[] perInstant = [.. year.GroupBy(r => r.InterestAccruedTime).Select(g => g.Count())];
        Assert.InRange(hours - perInstant.Length, hours / 50, hours / 4);
        Assert.True(perInstant.Count(n => n <= 4) > perInstant.Length * 85 / 100, "mostly 1 to 4 assets at a time");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_years_totals_look_like_a_real_book(int seed)
    {
        foreach (IGrouping<string, EmulatorRecord> asset in StressYear(seed).GroupBy(r => r.Asset, StringComparer.Ordinal))
        {
            decimal interest = asset.Sum(r => Number(r.Interest));
            decimal principalHours = asset.Sum(r => Number(r.Principal));

            // What the interest cost a year, as a rate on the average balance: 0.7 % to 22 %.
            decimal annualized = interest / principalHours * 24m * 365m;
            Assert.InRange(annualized, 0.007m, 0.22m);

            // Never more than a year of the largest balance at the highest rate (no 235 million BTC).
            Assert.True(interest <= PlausibleRanges[asset.Key].Max * 0.0006m * 365m, $"{asset.Key}: {interest} in a year");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_gives_the_same_data_every_time_and_another_seed_other_data(int seed)
    {
        var options = new EmulatorOptions { Seed = seed, Start = YearStart, Days = 365, OverflowInstants = 2, OverflowAssetsElsewhere = true, Stress = true };
        List<EmulatorRecord> first = Generate(options);
        Assert.Equal(first, Generate(options));
        Assert.NotEqual(first, Generate(new EmulatorOptions { Seed = seed + 1, Start = YearStart, Days = 365, OverflowInstants = 2, OverflowAssetsElsewhere = true, Stress = true }));
    }

    /// <summary>Pairs of one asset's records an hour apart: the moves inside an episode.</summary>
    private static IEnumerable<(EmulatorRecord Before, EmulatorRecord After)> HourlySteps(List<EmulatorRecord> records) =>
        records.GroupBy(r => r.Asset, StringComparer.Ordinal).SelectMany(asset =>
        {
            EmulatorRecord[] ordered = [.. asset.OrderBy(r => r.InterestAccruedTime)];
            return ordered.Zip(ordered.Skip(1)).Where(p => p.Second.InterestAccruedTime - p.First.InterestAccruedTime == Hour);
        });
}
