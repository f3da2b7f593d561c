using static PmInterest.Emulator.Tests.GeneratedData;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// Instants with more than a page of assets: by default those assets accrue nowhere else; with
/// <see cref="EmulatorOptions.OverflowAssetsElsewhere"/> each also accrues a few hours away.
/// </summary>
public class OverflowInstantTests
{
    [Theory]
    [InlineData(3, 2)]
    [InlineData(9, 3)]
    public void By_default_the_assets_of_an_overflow_instant_accrue_nowhere_else(int seed, int instants)
    {
        List<EmulatorRecord> records = Generate(Options(seed, instants, elsewhere: false));
        HashSet<long> overflow = OverflowTimes(records);
        Assert.Equal(instants, overflow.Count);
        Assert.All(records.Where(r => r.Asset.StartsWith('A')), r => Assert.Contains(r.InterestAccruedTime, overflow));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(9, 3)]
    [InlineData(21, 6)]
    public void With_the_knob_every_asset_of_an_overflow_instant_also_accrues_a_few_hours_away(int seed, int instants)
    {
        List<EmulatorRecord> records = Generate(Options(seed, instants, elsewhere: true));
        HashSet<long> overflow = OverflowTimes(records);
        Assert.Equal(instants, overflow.Count);
        foreach (EmulatorRecord r in records.Where(r => overflow.Contains(r.InterestAccruedTime) && r.Asset.StartsWith('A')))
        {
            Assert.Contains(records, other =>
                other.Asset == r.Asset
                && !overflow.Contains(other.InterestAccruedTime)
                && Math.Abs(other.InterestAccruedTime - r.InterestAccruedTime) <= 6 * Hour);
        }
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(21, 6)]
    public void The_knob_only_adds_records_at_ordinary_instants_of_the_range(int seed, int instants)
    {
        List<EmulatorRecord> without = Generate(Options(seed, instants, elsewhere: false));
        List<EmulatorRecord> with = Generate(Options(seed, instants, elsewhere: true));
        HashSet<long> overflow = OverflowTimes(without);

        // The overflow instants and the ordinary assets are untouched.
        Assert.Empty(without.Except(with));
        EmulatorRecord[] added = [.. with.Except(without)];
        Assert.Equal(with.Count(r => overflow.Contains(r.InterestAccruedTime) && r.Asset.StartsWith('A')), added.Length);

        // Added: overflow assets, on the schedule inside the range, never at an overflow instant,
        // never twice at one instant, and never so many that an ordinary instant overflows too.
        long first = YearStart.ToUnixTimeMilliseconds();
        long last = YearStart.AddDays(10).ToUnixTimeMilliseconds();
        Assert.All(added, r =>
        {
            Assert.Matches("^A[0-9]{3}$", r.Asset);
            Assert.InRange(r.InterestAccruedTime, first, last);
            Assert.Equal(0, r.InterestAccruedTime % Hour);
            Assert.DoesNotContain(r.InterestAccruedTime, overflow);
        });
        Assert.Equal(with.Count, with.DistinctBy(r => (r.Asset, r.InterestAccruedTime)).Count());
        Assert.Equal(overflow, OverflowTimes(with));
    }

    [Fact]
    public void The_knob_refuses_a_range_with_no_ordinary_instant_left()
    {
        var options = new EmulatorOptions { Seed = 1, Start = YearStart, End = YearStart, OverflowInstants = 1, OverflowAssetsElsewhere = true, Stress = true };
        Assert.Throws<ArgumentException>(() => Generate(options));
    }

    [Fact]
    public async Task A_client_asking_by_asset_finds_an_overflow_asset_at_both_instants()
    {
        EmulatorOptions options = ServerFactory.Options(o =>
        {
            o.Days = 10;
            o.OverflowInstants = 1;
            o.OverflowAssetsElsewhere = true;
        });
        await using EmulatorServer server = await EmulatorServer.StartAsync(options);
        var api = new ApiCaller(server);
        long start = ServerFactory.DataStart.ToUnixTimeMilliseconds();
        using HttpResponseMessage response = await api.SignedAsync(
            Scheme.Hmac,
            ("asset", "A101"),
            ("startTime", start.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("endTime", (start + (10 * 24 * Hour)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("size", "100"));
        List<EmulatorRecord> records = await ApiCaller.RecordsOf(response);

        Assert.Equal(2, records.Count);
        long crowded = Assert.Single(OverflowTimes([.. server.Records]));
        Assert.Contains(records, r => r.InterestAccruedTime == crowded);
        Assert.Contains(records, r => r.InterestAccruedTime != crowded && Math.Abs(r.InterestAccruedTime - crowded) <= 6 * Hour);
    }

    private static EmulatorOptions Options(int seed, int instants, bool elsewhere) =>
        new() { Seed = seed, Start = YearStart, Days = 10, OverflowInstants = instants, OverflowAssetsElsewhere = elsewhere, Stress = true };

    private static HashSet<long> OverflowTimes(List<EmulatorRecord> records) =>
        [.. records.GroupBy(r => r.InterestAccruedTime).Where(g => g.Count() > 100).Select(g => g.Key)];
}
