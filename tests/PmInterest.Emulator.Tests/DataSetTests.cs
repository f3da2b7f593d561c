using System.Globalization;
using System.Text.RegularExpressions;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// The generated data set: deterministic, realistic in size and shape, and in plain decimal text.
/// The default is believable daily data; the hourly stress book is asked for with Stress.
/// </summary>
public partial class DataSetTests
{
    private static readonly DateTimeOffset YearStart = GeneratedData.YearStart;
    // The asset's precision for the principal: the emulator's choice, listed in its README.
    private static readonly Dictionary<string, int> PrincipalScales = new(StringComparer.Ordinal)
    {
        ["USDT"] = 4, ["USDC"] = 4, ["FDUSD"] = 4, ["BTC"] = 8, ["ETH"] = 8, ["BNB"] = 8, ["SOL"] = 8, ["XRP"] = 2,
    };

    private static readonly Lazy<List<EmulatorRecord>> Year = new(() => GeneratedData.StressYear(1));
    private static readonly Lazy<List<EmulatorRecord>> DailyYear = new(() => GeneratedData.Year(1));

    [Fact]
    public void A_year_at_the_defaults_is_one_record_per_borrowed_asset_a_day_at_midnight_utc()
    {
        List<EmulatorRecord> year = DailyYear.Value;
        long start = YearStart.ToUnixTimeMilliseconds();
        Assert.InRange(year.Count, 400, 1_500);
        Assert.All(year, r =>
        {
            Assert.Equal(0, r.InterestAccruedTime % GeneratedData.Day);
            Assert.InRange(r.InterestAccruedTime, start, start + (365 * GeneratedData.Day));
        });
        Assert.Equal(year.Count, year.DistinctBy(r => (r.Asset, r.InterestAccruedTime)).Count());
        Assert.Equal(EmulatorOptions.DefaultAssets.Order(StringComparer.Ordinal), year.Select(r => r.Asset).Distinct().Order(StringComparer.Ordinal));

        // All assets of a day share its one instant (Binance charges on the 00:00 UTC balance).
        Assert.Contains(year.GroupBy(r => r.InterestAccruedTime), g => g.Count() >= 3);
    }

    [Fact]
    public void Daily_interest_is_principal_times_the_daily_rate_at_the_assets_scale_as_in_binances_example()
    {
        // The endpoint's own example: 210000 x 0.0001164 = 24.4440 for USDT (4 decimals).
        Assert.Equal("24.4440", Amounts.Format(Amounts.DailyInterest(210000m, 0.0001164m, 4), 4));
        Assert.All(DailyYear.Value, r =>
        {
            decimal principal = decimal.Parse(r.Principal, CultureInfo.InvariantCulture);
            decimal rate = decimal.Parse(r.InterestRate, CultureInfo.InvariantCulture);
            int scale = PrincipalScales[r.Asset];
            Assert.Equal(scale, GeneratedData.Scale(r.Interest));
            Assert.Equal(decimal.Round(principal * rate, scale, MidpointRounding.AwayFromZero), decimal.Parse(r.Interest, CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void Interval_minutes_without_stress_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GeneratedData.Generate(new EmulatorOptions { Start = YearStart, Days = 2, IntervalMinutes = 60 }));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--interval-minutes", "60"]));
        Assert.Equal(60, CommandLine.Parse(["--stress", "--interval-minutes", "60"]).Options.IntervalMinutes);
    }

    [Fact]
    public void A_stress_year_holds_10000_to_25000_records_on_the_hourly_schedule()
    {
        List<EmulatorRecord> year = Year.Value;
        Assert.InRange(year.Count, 10_000, 25_000);
        long start = YearStart.ToUnixTimeMilliseconds();
        long end = YearStart.AddDays(365).ToUnixTimeMilliseconds();
        Assert.All(year, r =>
        {
            Assert.InRange(r.InterestAccruedTime, start, end);
            Assert.Equal(0, r.InterestAccruedTime % 3_600_000);
        });
        Assert.Equal(EmulatorOptions.DefaultAssets.Order(StringComparer.Ordinal), year.Select(r => r.Asset).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(year.Count, year.DistinctBy(r => (r.Asset, r.InterestAccruedTime)).Count());
    }

    [Fact]
    public void Several_assets_routinely_share_an_instant()
    {
        int sharedInstants = Year.Value.GroupBy(r => r.InterestAccruedTime).Count(g => g.Count() >= 3);
        Assert.True(sharedInstants > 500, $"only {sharedInstants} instants with 3 or more assets");
    }

    [Fact]
    public void Stress_amounts_are_plain_decimals_at_binances_scales_and_interest_is_an_hour_at_the_daily_rate()
    {
        List<EmulatorRecord> year = Year.Value;
        Assert.All(year, r =>
        {
            foreach (string text in (string[])[r.Interest, r.InterestRate, r.Principal])
            {
                Assert.Matches(PlainDecimal(), text);
                // decimal keeps scale: parsing and printing again gives the same text.
                Assert.Equal(text, decimal.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            }

            Assert.Equal(8, GeneratedData.Scale(r.Interest));
            Assert.InRange(GeneratedData.Scale(r.InterestRate), 7, 8);
            Assert.Equal(PrincipalScales[r.Asset], GeneratedData.Scale(r.Principal));
            decimal exact = decimal.Parse(r.Principal, CultureInfo.InvariantCulture) * decimal.Parse(r.InterestRate, CultureInfo.InvariantCulture) / 24m;
            Assert.Equal(decimal.Round(exact, 8, MidpointRounding.AwayFromZero), decimal.Parse(r.Interest, CultureInfo.InvariantCulture));
            Assert.True(decimal.Parse(r.Interest, CultureInfo.InvariantCulture) > 0, r.ToString());
        });

        // Trailing zeros are part of the text a client must keep.
        Assert.Contains(year, r => r.Interest.EndsWith('0'));
        Assert.Contains(year, r => r.Principal.EndsWith('0'));
        Assert.Contains(year, r => GeneratedData.Scale(r.InterestRate) == 7);
        Assert.True(year.Count(r => GeneratedData.Scale(r.InterestRate) == 8) > year.Count / 2, "rates should mostly have 8 decimals");
    }

    [Fact]
    public void Overflow_instants_hold_more_than_a_page_of_assets()
    {
        List<EmulatorRecord> records = GeneratedData.Generate(new EmulatorOptions { Seed = 3, Start = YearStart, Days = 10, OverflowInstants = 2, Stress = true });
        IGrouping<long, EmulatorRecord>[] overflow = [.. records.GroupBy(r => r.InterestAccruedTime).Where(g => g.Count() > 100)];
        Assert.Equal(2, overflow.Length);
        Assert.All(overflow, g =>
        {
            Assert.Contains(g, r => r.Asset == "A001");
            Assert.All(g.Where(r => r.Asset.StartsWith('A') && r.Asset.Length == 4), r => Assert.InRange(int.Parse(r.Asset[1..], CultureInfo.InvariantCulture), 1, 150));
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Server_serves_the_generated_set_newest_first_with_ties_by_asset(bool stress)
    {
        var options = new EmulatorOptions { Keys = TestKeys.Shared, Seed = 5, Start = YearStart, Days = 20, Stress = stress };
        await using EmulatorServer server = await EmulatorServer.StartAsync(options);
        List<EmulatorRecord> expected = [.. GeneratedData.Generate(options).OrderByDescending(r => r.InterestAccruedTime).ThenBy(r => r.Asset, StringComparer.Ordinal)];
        Assert.Equal(expected, server.Records);
    }

    [Fact]
    public void Default_range_is_365_days_ending_at_the_current_utc_hour()
    {
        var now = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
        (DateTimeOffset start, DateTimeOffset end) = EmulatorServer.ResolveRange(new EmulatorOptions(), now);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(end.AddDays(-365), start);
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainDecimal();
}
