using System.Globalization;
using System.Text.RegularExpressions;

namespace PmInterest.Emulator.Tests;

/// <summary>The generated data set: deterministic, realistic in size and shape, and in plain decimal text.</summary>
public partial class DataSetTests
{
    private static readonly DateTimeOffset YearStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<List<EmulatorRecord>> Year = new(() => Generate(new EmulatorOptions { Seed = 1, Start = YearStart, Days = 365 }));

    [Fact]
    public void Same_seed_gives_an_identical_data_set_and_another_seed_a_different_one()
    {
        var options = new EmulatorOptions { Seed = 7, Start = YearStart, Days = 30 };
        Assert.Equal(Generate(options), Generate(options));
        Assert.NotEqual(Generate(options), Generate(new EmulatorOptions { Seed = 8, Start = YearStart, Days = 30 }));
    }

    [Fact]
    public void A_year_at_the_defaults_holds_10000_to_25000_records_on_the_hourly_schedule()
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
    public void Amounts_are_plain_decimals_with_their_scale_kept()
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

            Assert.True(r.Principal.Split('.')[0].Length <= 12, r.Principal);
            Assert.True(Scale(r.InterestRate) <= 8 && Scale(r.Interest) <= 8, r.ToString());
            decimal exact = decimal.Parse(r.Principal, CultureInfo.InvariantCulture) * decimal.Parse(r.InterestRate, CultureInfo.InvariantCulture) / 24m;
            decimal interest = decimal.Parse(r.Interest, CultureInfo.InvariantCulture);
            Assert.True(interest > 0 && Math.Abs(interest - exact) <= 0.00005m, r.ToString());
        });
        Assert.Contains(year, r => r.Interest.EndsWith('0'));
        Assert.Contains(year, r => !r.Principal.Contains('.', StringComparison.Ordinal));
        Assert.Contains(year, r => Scale(r.Principal) == 8);
        Assert.Contains(year, r => Scale(r.InterestRate) == 7);
        Assert.Contains(year, r => r.Principal.Split('.')[0].Length >= 9);
        Assert.True(year.Count(r => r.Principal.Split('.')[0].Length <= 6) > year.Count / 2, "principals should be mostly small");
    }

    [Fact]
    public void Overflow_instants_hold_more_than_a_page_of_assets()
    {
        List<EmulatorRecord> records = Generate(new EmulatorOptions { Seed = 3, Start = YearStart, Days = 10, OverflowInstants = 2 });
        IGrouping<long, EmulatorRecord>[] overflow = [.. records.GroupBy(r => r.InterestAccruedTime).Where(g => g.Count() > 100)];
        Assert.Equal(2, overflow.Length);
        Assert.All(overflow, g =>
        {
            Assert.Contains(g, r => r.Asset == "A001");
            Assert.All(g.Where(r => r.Asset.StartsWith('A') && r.Asset.Length == 4), r => Assert.InRange(int.Parse(r.Asset[1..], CultureInfo.InvariantCulture), 1, 150));
        });
    }

    [Fact]
    public async Task Server_serves_the_generated_set_newest_first_with_ties_by_asset()
    {
        var options = new EmulatorOptions { Keys = TestKeys.Shared, Seed = 5, Start = YearStart, Days = 20 };
        await using EmulatorServer server = await EmulatorServer.StartAsync(options);
        List<EmulatorRecord> expected = [.. Generate(options).OrderByDescending(r => r.InterestAccruedTime).ThenBy(r => r.Asset, StringComparer.Ordinal)];
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

    private static List<EmulatorRecord> Generate(EmulatorOptions options)
    {
        (DateTimeOffset start, DateTimeOffset end) = EmulatorServer.ResolveRange(options, DateTimeOffset.UtcNow);
        return DataSetGenerator.Generate(options, start, end);
    }

    private static int Scale(string text) => text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainDecimal();
}
